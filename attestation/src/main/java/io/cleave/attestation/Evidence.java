package io.cleave.attestation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Attestation evidence as presented by a workload, not yet verified. Every permitted type is a
 * record here, so verifiers and dispatchers switch over them exhaustively.
 */
public sealed interface Evidence {
    EvidenceType type();

    /**
     * An AMD SEV-SNP attestation report with the certificates that endorse it.
     *
     * @param report the raw report (1184 bytes, little-endian ABI layout)
     * @param certificates DER certificates in any order: the VCEK or VLEK, and optionally the ASK
     *     or ASVK and the ARK. Missing AMD CA certificates are taken from the verifier's pinned
     *     roots; an ARK that is given must be the pinned one.
     */
    record SevSnp(byte[] report, List<byte[]> certificates) implements Evidence {
        public SevSnp {
            report = Objects.requireNonNull(report, "report").clone();
            certificates = Objects.requireNonNull(certificates, "certificates").stream()
                    .map(c -> Objects.requireNonNull(c, "certificate").clone())
                    .toList();
        }

        @Override
        public EvidenceType type() {
            return EvidenceType.SEV_SNP;
        }

        @Override
        public byte[] report() {
            return report.clone();
        }

        @Override
        public List<byte[]> certificates() {
            return certificates.stream().map(byte[]::clone).toList();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SevSnp other && Arrays.equals(report, other.report)
                    && certificates.size() == other.certificates.size()
                    && IntStream.range(0, certificates.size())
                            .allMatch(i -> Arrays.equals(certificates.get(i), other.certificates.get(i)));
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(report) + certificates.stream().mapToInt(Arrays::hashCode).sum();
        }

        @Override
        public String toString() {
            return "SevSnp[report=" + report.length + " bytes, certificates=" + certificates.size() + "]";
        }
    }

    /**
     * A software measurement and report data signed by a provider's key. No hardware isolates the
     * workload; see {@link EvidenceType#SOFTWARE}.
     *
     * @param measurement SHA-384 over the runtime artefacts and configuration
     * @param reportData 64 bytes chosen by the workload, e.g. a {@link ReportDataBinding}
     * @param signerKeyId names the provider key that signed, for the verifier to look up; 1..255
     *     UTF-8 bytes
     * @param signature the signer's signature over the canonical statement of the other fields
     */
    record Software(Measurement measurement, byte[] reportData, String signerKeyId, byte[] signature)
            implements Evidence {
        public Software {
            Objects.requireNonNull(measurement, "measurement");
            reportData = ReportDataBinding.checkedReportData(reportData);
            Objects.requireNonNull(signerKeyId, "signerKeyId");
            int idBytes = signerKeyId.getBytes(StandardCharsets.UTF_8).length;
            if (idBytes == 0 || idBytes > 255) {
                throw new IllegalArgumentException("signerKeyId must be 1..255 UTF-8 bytes, got " + idBytes);
            }
            signature = Objects.requireNonNull(signature, "signature").clone();
        }

        @Override
        public EvidenceType type() {
            return EvidenceType.SOFTWARE;
        }

        @Override
        public byte[] reportData() {
            return reportData.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Software other && measurement.equals(other.measurement)
                    && Arrays.equals(reportData, other.reportData) && signerKeyId.equals(other.signerKeyId)
                    && Arrays.equals(signature, other.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(measurement, Arrays.hashCode(reportData), signerKeyId, Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "Software[measurement=" + measurement + ", signerKeyId=" + signerKeyId + "]";
        }
    }
}
