package io.cleave.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.attestation.AttestationException.Reason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AppraisalPolicyTest {
    private static final byte[] WORKLOAD_KEY = {0x20, 0x21, 0x22};
    private static final byte[] NONCE = {7, 7, 7};
    private static final ReportDataBinding BINDING = ReportDataBinding.forWorkloadKey(WORKLOAD_KEY, NONCE);
    private static final Measurement GOOD = Measurement.of(filled(0x11));
    private static final Measurement OTHER = Measurement.of(filled(0x22));
    private static final TcbVersion TCB = TcbVersion.of(3, 0, 8, 115);

    @Test
    void appraise_sevSnpClaimsMeetingEveryCondition_accepted() throws Exception {
        AppraisalPolicy.sevSnp(Set.of(GOOD), TCB).appraise(snp(GOOD, TCB, Set.of()), BINDING);
    }

    @Test
    void appraise_softwareClaimsUnderTheProductionPreset_refused() {
        refused(Reason.SOFTWARE_EVIDENCE_NOT_ALLOWED,
                "SOFTWARE evidence has no hardware isolation and the policy does not allow software evidence",
                () -> AppraisalPolicy.sevSnp(Set.of(GOOD), TcbVersion.ZERO).appraise(software(GOOD), BINDING));
    }

    @Test
    void appraise_softwareClaimsUnderTheDevelopmentPreset_accepted() throws Exception {
        AppraisalPolicy.developmentAllowingSoftwareEvidence(Set.of(GOOD)).appraise(software(GOOD), BINDING);
    }

    @Test
    void appraise_evidenceTypeNotListed_refused() {
        AppraisalPolicy softwareOnly = new AppraisalPolicy(EnumSet.of(EvidenceType.SOFTWARE), Set.of(GOOD),
                TcbVersion.ZERO, true, true);
        refused(Reason.EVIDENCE_TYPE_NOT_ALLOWED, "evidence type SEV_SNP is not allowed by the policy (allowed: [SOFTWARE])",
                () -> softwareOnly.appraise(snp(GOOD, TCB, Set.of()), BINDING));
    }

    @Test
    void appraise_measurementNotInThePolicy_refused() {
        refused(Reason.MEASUREMENT_NOT_ALLOWED,
                "measurement " + OTHER.hex() + " is not one of the policy's reference measurements",
                () -> AppraisalPolicy.sevSnp(Set.of(GOOD), TCB).appraise(snp(OTHER, TCB, Set.of()), BINDING));
    }

    @Test
    void appraise_debugAllowedByTheGuest_refused() {
        refused(Reason.DEBUG_ENABLED, "the guest policy allows debugging and the policy forbids it",
                () -> AppraisalPolicy.sevSnp(Set.of(GOOD), TCB).appraise(snp(GOOD, TCB, Set.of(PolicyFlag.DEBUG)), BINDING));
    }

    @Test
    void appraise_debugAllowedWhenThePolicyPermitsIt_accepted() throws Exception {
        new AppraisalPolicy(EnumSet.of(EvidenceType.SEV_SNP), Set.of(GOOD), TCB, false, false)
                .appraise(snp(GOOD, TCB, Set.of(PolicyFlag.DEBUG)), BINDING);
    }

    @Test
    void appraise_anyTcbComponentBelowTheMinimum_refused() {
        AppraisalPolicy policy = AppraisalPolicy.sevSnp(Set.of(GOOD), TCB);
        TcbVersion lowerSnp = TcbVersion.of(9, 9, 7, 200);
        refused(Reason.TCB_TOO_LOW, "TCB " + lowerSnp + " is below the policy minimum " + TCB,
                () -> policy.appraise(snp(GOOD, lowerSnp, Set.of()), BINDING));
    }

    @Test
    void appraise_softwareClaimsAgainstATcbFloor_refused() {
        AppraisalPolicy policy = new AppraisalPolicy(EnumSet.allOf(EvidenceType.class), Set.of(GOOD), TCB, true, true);
        refused(Reason.TCB_TOO_LOW, "SOFTWARE evidence carries no TCB and the policy requires at least " + TCB,
                () -> policy.appraise(software(GOOD), BINDING));
    }

    @Test
    void appraise_reportDataOfAnotherKeyOrNonce_refused() {
        AppraisalPolicy policy = AppraisalPolicy.sevSnp(Set.of(GOOD), TCB);
        for (ReportDataBinding other : new ReportDataBinding[] {
                ReportDataBinding.forWorkloadKey(WORKLOAD_KEY, new byte[] {7, 7, 8}),
                ReportDataBinding.forWorkloadKey(new byte[] {0x20, 0x21}, NONCE),
                ReportDataBinding.forWorkloadKey(WORKLOAD_KEY)}) {
            refused(Reason.REPORT_DATA_MISMATCH, "report data does not bind the expected workload key",
                    () -> policy.appraise(snp(GOOD, TCB, Set.of()), other));
        }
    }

    @Test
    void constructor_softwareTypeWithoutTheExplicitSwitch_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AppraisalPolicy(
                EnumSet.allOf(EvidenceType.class), Set.of(GOOD), TcbVersion.ZERO, true, false));
        assertEquals("allowedEvidenceTypes contains SOFTWARE but allowSoftwareEvidenceWithoutHardwareIsolation is false:"
                + " software evidence is allowed only by both", e.getMessage());
    }

    @Test
    void constructor_withoutReferenceMeasurements_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppraisalPolicy.sevSnp(Set.of(), TCB));
        assertEquals("allowedMeasurements must not be empty: a policy without reference measurements accepts any workload",
                e.getMessage());
    }

    @Test
    void verifiedClaims_softwareClaimingHardwareIsolation_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VerifiedClaims(
                EvidenceType.SOFTWARE, GOOD, BINDING.reportData(), Optional.empty(), Set.of(), "k", "software", true));
        assertEquals("hardwareIsolated must be false for SOFTWARE evidence", e.getMessage());
    }

    private static VerifiedClaims snp(Measurement measurement, TcbVersion tcb, Set<PolicyFlag> flags) {
        return new VerifiedClaims(EvidenceType.SEV_SNP, measurement, BINDING.reportData(), Optional.of(tcb), flags,
                "VCEK", "Milan", true);
    }

    private static VerifiedClaims software(Measurement measurement) {
        return new VerifiedClaims(EvidenceType.SOFTWARE, measurement, BINDING.reportData(), Optional.empty(), Set.of(),
                "dev-key", "software", false);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[Measurement.LENGTH];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static void refused(Reason reason, String message, Executable action) {
        AttestationException e = assertThrows(AttestationException.class, action);
        assertEquals(reason, e.reason(), e::getMessage);
        assertEquals(message, e.getMessage());
    }
}
