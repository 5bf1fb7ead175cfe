package io.cleave.attestation;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What verified evidence proves about a workload. Produced only by an {@link EvidenceVerifier};
 * judged by an {@link AppraisalPolicy}.
 *
 * @param evidenceType how the workload was attested
 * @param measurement the launch measurement of the workload
 * @param reportData the 64 bytes the workload bound into the evidence (see {@link ReportDataBinding})
 * @param tcb the TCB the hardware attests; empty for evidence without hardware (software)
 * @param policyFlags the guest launch-policy bits that are set
 * @param signer which key signed the evidence: {@code VCEK} or {@code VLEK} for SEV-SNP, the
 *     provider key id for software evidence
 * @param product the processor product ({@code Milan}, {@code Genoa}, {@code Turin}) or
 *     {@code software}
 * @param hardwareIsolated whether hardware isolates the workload from its host; always equal to
 *     {@code evidenceType.hardwareIsolated()}, kept as a field so no reader can miss it
 */
public record VerifiedClaims(
        EvidenceType evidenceType,
        Measurement measurement,
        byte[] reportData,
        Optional<TcbVersion> tcb,
        Set<PolicyFlag> policyFlags,
        String signer,
        String product,
        boolean hardwareIsolated) {

    public VerifiedClaims {
        Objects.requireNonNull(evidenceType, "evidenceType");
        Objects.requireNonNull(measurement, "measurement");
        reportData = ReportDataBinding.checkedReportData(reportData);
        Objects.requireNonNull(tcb, "tcb");
        policyFlags = Set.copyOf(Objects.requireNonNull(policyFlags, "policyFlags"));
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(product, "product");
        if (hardwareIsolated != evidenceType.hardwareIsolated()) {
            throw new IllegalArgumentException("hardwareIsolated must be " + evidenceType.hardwareIsolated()
                    + " for " + evidenceType + " evidence");
        }
    }

    @Override
    public byte[] reportData() {
        return reportData.clone();
    }

    public String reportDataHex() {
        return HexFormat.of().formatHex(reportData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedClaims other
                && evidenceType == other.evidenceType
                && measurement.equals(other.measurement)
                && Arrays.equals(reportData, other.reportData)
                && tcb.equals(other.tcb)
                && policyFlags.equals(other.policyFlags)
                && signer.equals(other.signer)
                && product.equals(other.product)
                && hardwareIsolated == other.hardwareIsolated;
    }

    @Override
    public int hashCode() {
        return Objects.hash(evidenceType, measurement, Arrays.hashCode(reportData), tcb, policyFlags, signer,
                product, hardwareIsolated);
    }

    @Override
    public String toString() {
        return "VerifiedClaims[" + evidenceType + ", product=" + product + ", signer=" + signer
                + ", measurement=" + measurement + ", reportData=" + reportDataHex() + ", tcb=" + tcb
                + ", policyFlags=" + policyFlags + ", hardwareIsolated=" + hardwareIsolated + "]";
    }
}
