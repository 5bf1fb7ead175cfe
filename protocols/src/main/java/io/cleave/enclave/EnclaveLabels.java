package io.cleave.enclave;

import java.nio.charset.StandardCharsets;

/**
 * The context strings both sides of an ENCLAVE job bind into their cryptography (see data.proto):
 * the HPKE {@code info} of a wrapped data key, and the AEAD associated data of each page, so that a
 * key or a page cannot be moved to another job, dataset, partition or position.
 */
public final class EnclaveLabels {
    private EnclaveLabels() {
    }

    /** HPKE info of the data key of one dataset of one job. */
    public static byte[] dataKeyInfo(String jobId, String datasetId) {
        return ("cleave/v1/enclave-data-key/" + jobId + "/" + datasetId).getBytes(StandardCharsets.UTF_8);
    }

    /** Associated data of one sealed page; {@code partition} is the proto enum name (TRAIN, TEST). */
    public static byte[] pageAad(String jobId, String datasetId, String partition, int pageIndex) {
        return ("cleave/v1/page/" + jobId + "/" + datasetId + "/" + partition + "/" + pageIndex)
                .getBytes(StandardCharsets.UTF_8);
    }
}
