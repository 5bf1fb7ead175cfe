package io.cleave.broker.attestation;

import io.cleave.attestation.EvidenceType;
import io.cleave.broker.federation.FederationException;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * Evidence as a provider sent it, before verification.
 *
 * @param type the evidence format
 * @param evidence the encoded evidence (the SEV-SNP report, or software evidence in its wire form)
 * @param certificates DER endorsement certificates of SEV-SNP evidence; empty for software
 * @param nonce the broker nonce the report data binds; empty only for registration evidence
 * @param jobId the ENCLAVE job whose workload key the evidence binds; null when the provider attests itself
 * @param workloadPublicKey the job workload's HPKE public key ({@code HpkePublicKey.encode()}); null with jobId
 */
public record EvidenceSubmission(EvidenceType type, byte[] evidence, List<byte[]> certificates, byte[] nonce,
        @Nullable String jobId, @Nullable byte[] workloadPublicKey) {
    /** Far above any real report with its certificates; refuses memory-exhausting input early. */
    static final int MAX_EVIDENCE_BYTES = 64 * 1024;

    public EvidenceSubmission {
        if (type == null) {
            throw FederationException.invalid("evidence format must be SEV_SNP_REPORT or SOFTWARE_EVIDENCE");
        }
        Objects.requireNonNull(evidence, "evidence");
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(nonce, "nonce");
        if (evidence.length == 0 || evidence.length > MAX_EVIDENCE_BYTES) {
            throw FederationException.invalid("evidence must be 1.." + MAX_EVIDENCE_BYTES + " bytes, found "
                    + evidence.length);
        }
        if ((jobId == null) != (workloadPublicKey == null)) {
            throw FederationException.invalid("a workload attestation names both the job and the workload public key");
        }
    }
}
