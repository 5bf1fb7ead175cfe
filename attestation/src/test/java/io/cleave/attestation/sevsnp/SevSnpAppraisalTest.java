package io.cleave.attestation.sevsnp;

import static io.cleave.attestation.sevsnp.Rejections.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.attestation.AppraisalPolicy;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.DispatchingEvidenceVerifier;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.EvidenceVerifier;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.TcbVersion;
import io.cleave.attestation.VerifiedClaims;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Appraisal of claims verified from the real vectors. */
class SevSnpAppraisalTest {
    private final SevSnpVerifier verifier = SevSnpVerifier.create(Vectors.clockAt(Vectors.PINNED));

    @Test
    void appraise_goSevGuestReport_refusedBecauseItsGuestPolicyAllowsDebugging() throws Exception {
        VerifiedClaims claims = verifier.verify(Vectors.byId("go-sev-guest/milan-vcek").evidence());
        assertRefused(Reason.DEBUG_ENABLED, "the guest policy allows debugging and the policy forbids it",
                () -> AppraisalPolicy.sevSnp(Set.of(claims.measurement()), TcbVersion.ZERO)
                        .appraise(claims, ReportDataBinding.forWorkloadKey(new byte[] {1})));
    }

    @Test
    void appraise_trusteeReportBelowANewerMicrocodeFloor_refused() throws Exception {
        VerifiedClaims claims = verifier.verify(Vectors.byId("trustee/milan-vcek").evidence());
        TcbVersion floor = TcbVersion.of(3, 0, 8, 209);
        assertRefused(Reason.TCB_TOO_LOW, "TCB " + claims.tcb().orElseThrow() + " is below the policy minimum " + floor,
                () -> AppraisalPolicy.sevSnp(Set.of(claims.measurement()), floor)
                        .appraise(claims, ReportDataBinding.forWorkloadKey(new byte[] {1})));
    }

    @Test
    void appraise_trusteeReport_doesNotBindAKeyItNeverSaw() throws Exception {
        VerifiedClaims claims = verifier.verify(Vectors.byId("trustee/milan-vcek").evidence());
        assertRefused(Reason.REPORT_DATA_MISMATCH, "report data does not bind the expected workload key",
                () -> AppraisalPolicy.sevSnp(Set.of(claims.measurement()), TcbVersion.of(3, 0, 8, 115))
                        .appraise(claims, ReportDataBinding.forWorkloadKey(new byte[] {1})));
    }

    @Test
    void dispatcher_routesSevSnpAndRefusesUnconfiguredTypes() throws Exception {
        EvidenceVerifier dispatcher = new DispatchingEvidenceVerifier(Optional.of(verifier), Optional.empty());
        Vectors.Case vlek = Vectors.byId("trustee/milan-vlek");
        assertEquals("VLEK", dispatcher.verify(vlek.evidence()).signer());
        Evidence software = new Evidence.Software(SevSnpReport.parse(Vectors.bytes(Vectors.TRUSTEE_REPORT)).measurement(),
                new byte[64], "k", new byte[1]);
        assertRefused(Reason.UNSUPPORTED_EVIDENCE_TYPE, "no verifier is configured for SOFTWARE evidence",
                () -> dispatcher.verify(software));
    }
}
