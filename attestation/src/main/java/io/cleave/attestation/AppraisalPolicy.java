package io.cleave.attestation;

import io.cleave.attestation.AttestationException.Reason;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A relying party's conditions on verified claims: which evidence types, which workload
 * measurements, which minimum TCB, whether debugging is acceptable. Immutable; validated when
 * built. Start from a preset.
 *
 * @param allowedEvidenceTypes evidence types accepted; {@link EvidenceType#SOFTWARE} only together
 *     with {@code allowSoftwareEvidenceWithoutHardwareIsolation}
 * @param allowedMeasurements reference measurements of the workloads trusted; never empty, since a
 *     policy without them would accept any code
 * @param minimumTcb every TCB component must be at least this; {@link TcbVersion#ZERO} for none.
 *     Evidence without a TCB (software) passes only a zero minimum.
 * @param debugForbidden refuse workloads whose host may inspect them
 * @param allowSoftwareEvidenceWithoutHardwareIsolation the explicit switch that lets evidence with
 *     no hardware isolation through; the data owner then trusts the compute provider's operator
 */
public record AppraisalPolicy(
        Set<EvidenceType> allowedEvidenceTypes,
        Set<Measurement> allowedMeasurements,
        TcbVersion minimumTcb,
        boolean debugForbidden,
        boolean allowSoftwareEvidenceWithoutHardwareIsolation) {

    public AppraisalPolicy {
        allowedEvidenceTypes = Set.copyOf(Objects.requireNonNull(allowedEvidenceTypes, "allowedEvidenceTypes"));
        allowedMeasurements = Set.copyOf(Objects.requireNonNull(allowedMeasurements, "allowedMeasurements"));
        Objects.requireNonNull(minimumTcb, "minimumTcb");
        if (allowedEvidenceTypes.isEmpty()) {
            throw new IllegalArgumentException("allowedEvidenceTypes must not be empty");
        }
        if (allowedMeasurements.isEmpty()) {
            throw new IllegalArgumentException(
                    "allowedMeasurements must not be empty: a policy without reference measurements accepts any workload");
        }
        boolean softwareListed = allowedEvidenceTypes.contains(EvidenceType.SOFTWARE);
        if (softwareListed != allowSoftwareEvidenceWithoutHardwareIsolation) {
            throw new IllegalArgumentException("allowedEvidenceTypes " + (softwareListed ? "contains" : "lacks")
                    + " SOFTWARE but allowSoftwareEvidenceWithoutHardwareIsolation is "
                    + allowSoftwareEvidenceWithoutHardwareIsolation + ": software evidence is allowed only by both");
        }
    }

    /** Production preset: SEV-SNP only, debugging forbidden, the given TCB floor. */
    public static AppraisalPolicy sevSnp(Set<Measurement> allowedMeasurements, TcbVersion minimumTcb) {
        return new AppraisalPolicy(EnumSet.of(EvidenceType.SEV_SNP), allowedMeasurements, minimumTcb, true, false);
    }

    /**
     * Development preset: SEV-SNP or software evidence, debugging forbidden, no TCB floor. Software
     * evidence gives no hardware isolation; use it only for data that the compute provider may see.
     */
    public static AppraisalPolicy developmentAllowingSoftwareEvidence(Set<Measurement> allowedMeasurements) {
        return new AppraisalPolicy(EnumSet.of(EvidenceType.SEV_SNP, EvidenceType.SOFTWARE), allowedMeasurements,
                TcbVersion.ZERO, true, true);
    }

    /**
     * Accepts the claims or says which condition they fail, checked in this order: hardware
     * isolation, evidence type, measurement, debug, TCB, report-data binding.
     *
     * @param expected the report data the workload must have bound, e.g. its public key and the
     *     verifier's nonce
     */
    public void appraise(VerifiedClaims claims, ReportDataBinding expected) throws AttestationException {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(expected, "expected");
        if (!claims.hardwareIsolated() && !allowSoftwareEvidenceWithoutHardwareIsolation) {
            throw new AttestationException(Reason.SOFTWARE_EVIDENCE_NOT_ALLOWED, claims.evidenceType()
                    + " evidence has no hardware isolation and the policy does not allow software evidence");
        }
        if (!allowedEvidenceTypes.contains(claims.evidenceType())) {
            throw new AttestationException(Reason.EVIDENCE_TYPE_NOT_ALLOWED, "evidence type " + claims.evidenceType()
                    + " is not allowed by the policy (allowed: " + new TreeSet<>(allowedEvidenceTypes) + ")");
        }
        if (!allowedMeasurements.contains(claims.measurement())) {
            throw new AttestationException(Reason.MEASUREMENT_NOT_ALLOWED,
                    "measurement " + claims.measurement() + " is not one of the policy's reference measurements");
        }
        if (debugForbidden && claims.policyFlags().contains(PolicyFlag.DEBUG)) {
            throw new AttestationException(Reason.DEBUG_ENABLED,
                    "the guest policy allows debugging and the policy forbids it");
        }
        checkTcb(claims);
        if (!expected.matches(claims.reportData())) {
            throw new AttestationException(Reason.REPORT_DATA_MISMATCH,
                    "report data does not bind the expected workload key");
        }
    }

    private void checkTcb(VerifiedClaims claims) throws AttestationException {
        if (minimumTcb.equals(TcbVersion.ZERO)) {
            return;
        }
        TcbVersion tcb = claims.tcb().orElseThrow(() -> new AttestationException(Reason.TCB_TOO_LOW,
                claims.evidenceType() + " evidence carries no TCB and the policy requires at least " + minimumTcb));
        if (!tcb.isAtLeast(minimumTcb)) {
            throw new AttestationException(Reason.TCB_TOO_LOW,
                    "TCB " + tcb + " is below the policy minimum " + minimumTcb);
        }
    }
}
