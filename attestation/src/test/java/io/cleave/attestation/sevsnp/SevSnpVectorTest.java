package io.cleave.attestation.sevsnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.VerifiedClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SevSnpVectorTest {

    @Test
    void verify_everyCompleteSet_verifiesToItsProductSignerAndTcb() {
        List<String> failures = new ArrayList<>();
        List<Vectors.Case> cases = Vectors.completeSets();
        for (Vectors.Case c : cases) {
            try {
                VerifiedClaims claims = SevSnpVerifier.create(Vectors.clockAt(Vectors.PINNED)).verify(c.evidence());
                check(c, claims, failures);
            } catch (AttestationException e) {
                failures.add(c.id() + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), "failed vectors: " + failures);
        assertEquals(10, cases.size(), "five complete sets, each with and without its chain file");
    }

    @Test
    void verify_everyCompleteSetWithItsProductGiven_verifies() {
        List<String> failures = new ArrayList<>();
        for (Vectors.Case c : Vectors.completeSets()) {
            try {
                SevSnpVerifier.forProduct(Vectors.clockAt(Vectors.PINNED), c.product()).verify(c.evidence());
            } catch (AttestationException e) {
                failures.add(c.id() + ": " + e);
            }
        }
        assertTrue(failures.isEmpty(), "failed vectors: " + failures);
    }

    private static void check(Vectors.Case c, VerifiedClaims claims, List<String> failures) {
        expect(failures, c, "type", EvidenceType.SEV_SNP, claims.evidenceType());
        expect(failures, c, "product", c.product().amdName(), claims.product());
        expect(failures, c, "signer", c.signer().name(), claims.signer());
        expect(failures, c, "tcb", Optional.of(c.tcb()), claims.tcb());
        expect(failures, c, "hardwareIsolated", true, claims.hardwareIsolated());
    }

    private static void expect(List<String> failures, Vectors.Case c, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            failures.add(c.id() + ": " + what + " expected " + expected + " but was " + actual);
        }
    }
}
