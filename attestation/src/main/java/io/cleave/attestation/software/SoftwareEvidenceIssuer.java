package io.cleave.attestation.software;

import io.cleave.attestation.Evidence;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.ReportDataBinding;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Produces software evidence on a development machine: the workload's measurement and report data,
 * signed with the provider's key. The result says nothing about isolation; verifiers label it
 * {@code hardwareIsolated=false}.
 */
public final class SoftwareEvidenceIssuer {
    private final EvidenceSigningKey key;

    public SoftwareEvidenceIssuer(EvidenceSigningKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * @param reportData 64 bytes, normally {@link ReportDataBinding#reportData()} of the workload's
     *     public key and the verifier's nonce
     */
    public Evidence.Software issue(Measurement measurement, byte[] reportData) throws GeneralSecurityException {
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(reportData, "reportData");
        if (reportData.length != ReportDataBinding.LENGTH) {
            throw new IllegalArgumentException(
                    "reportData must be " + ReportDataBinding.LENGTH + " bytes, got " + reportData.length);
        }
        byte[] signature = key.sign(SoftwareEvidenceFormat.statement(measurement, reportData, key.keyId()));
        return new Evidence.Software(measurement, reportData, key.keyId(), signature);
    }
}
