package io.cleave.compute.task;

import io.cleave.crypto.DataKey;
import io.cleave.enclave.EnclaveLabels;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PayloadEncoding;
import java.security.GeneralSecurityException;
import java.util.Map;

/** Turns a page frame's payload into PLAINTEXT_F64_ROWS bytes, refusing any encoding it does not expect. */
@FunctionalInterface
interface PagePayloads {
    /** TRUSTED jobs: the payload is the plaintext rows. */
    PagePayloads PLAINTEXT = (jobId, frame) -> {
        requireEncoding(frame, PayloadEncoding.PLAINTEXT_F64_ROWS);
        return frame.getPayload().toByteArray();
    };

    byte[] open(String jobId, PageFrame frame);

    /** ENCLAVE jobs: pages sealed under each dataset's data key, bound to their place. */
    static PagePayloads sealed(Map<String, DataKey> keysByDataset) {
        return (jobId, frame) -> {
            requireEncoding(frame, PayloadEncoding.AES_256_GCM_F64_ROWS);
            DataKey key = keysByDataset.get(frame.getDatasetId());
            if (key == null) {
                throw new IllegalStateException("no data key was released for dataset " + frame.getDatasetId());
            }
            try {
                return key.open(frame.getPayload().toByteArray(), EnclaveLabels.pageAad(jobId, frame.getDatasetId(),
                        frame.getPartition().name(), frame.getPageIndex()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("page " + frame.getPageIndex() + " of dataset " + frame.getDatasetId()
                        + " does not open with its data key: " + e.getMessage(), e);
            }
        };
    }

    private static void requireEncoding(PageFrame frame, PayloadEncoding expected) {
        if (frame.getEncoding() != expected) {
            throw new IllegalArgumentException("unexpected page encoding " + frame.getEncoding() + ", expected " + expected);
        }
    }
}
