package io.cleave.broker.api.grpc;

import com.google.protobuf.ByteString;
import io.cleave.attestation.EvidenceType;
import io.cleave.broker.attestation.EvidenceSubmission;
import io.cleave.broker.federation.FederationException;
import io.cleave.protocols.v1.EvidenceFormat;
import java.util.List;

/** Maps evidence messages of the control plane to the attestation service's input. */
final class EvidenceMessages {
    private EvidenceMessages() {
    }

    static EvidenceSubmission submission(EvidenceFormat format, ByteString evidence, List<ByteString> certificates,
            ByteString nonce, String jobId, ByteString workloadKey) {
        EvidenceType type = switch (format) {
            case SEV_SNP_REPORT -> EvidenceType.SEV_SNP;
            case SOFTWARE_EVIDENCE -> EvidenceType.SOFTWARE;
            case EVIDENCE_FORMAT_UNSPECIFIED, UNRECOGNIZED -> throw FederationException.invalid(
                    "evidence_format must be SEV_SNP_REPORT or SOFTWARE_EVIDENCE, found " + format);
        };
        boolean workload = !jobId.isEmpty();
        return new EvidenceSubmission(type, evidence.toByteArray(),
                certificates.stream().map(ByteString::toByteArray).toList(), nonce.toByteArray(),
                workload ? jobId : null, workload ? workloadKey.toByteArray() : null);
    }

    /** The broker refused the evidence; the reason goes back to the provider as PERMISSION_DENIED. */
    static final class EvidenceRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvidenceRefused(String message) {
            super(message);
        }
    }
}
