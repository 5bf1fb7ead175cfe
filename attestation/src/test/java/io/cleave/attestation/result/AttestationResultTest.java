package io.cleave.attestation.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.PolicyFlag;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.TcbVersion;
import io.cleave.attestation.VerifiedClaims;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttestationResultTest {
    private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");
    private final SigningKeyPair broker = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final AttestationResultSigner signer = new AttestationResultSigner(broker.signer(), "attestation-1");

    @Test
    void verify_signedSoftwareResult_returnsTheSameResult() throws Exception {
        AttestationResult result = software(Optional.of("job-1"));
        AttestationResult back = verifierAt(NOW.plusSeconds(60)).verify(signer.sign(result));
        assertEquals(result, back);
        assertFalse(back.claims().hardwareIsolated());
    }

    @Test
    void verify_sevSnpResultWithTcbAndFlags_keepsThem() throws Exception {
        VerifiedClaims claims = new VerifiedClaims(EvidenceType.SEV_SNP, measurement(1), new byte[64],
                Optional.of(new TcbVersion(3, 0, 20, 209, 0)), Set.of(PolicyFlag.SMT_ALLOWED), "VCEK", "Milan", true);
        AttestationResult result = new AttestationResult("r2", "p1", "compute-b", Optional.empty(), claims,
                new byte[0], NOW, NOW.plus(Duration.ofMinutes(10)));
        assertEquals(result, verifierAt(NOW).verify(signer.sign(result)));
    }

    @Test
    void signedToken_carriesTheHardwareIsolationClaimInPlainSight() {
        String token = signer.sign(software(Optional.empty()));
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"hw_isolation\":false"), payload);
        assertTrue(payload.contains("\"evidence_type\":\"SOFTWARE\""), payload);
        assertFalse(payload.contains("\"job\""), payload);
    }

    @Test
    void verify_afterExpiry_isRefused() {
        String token = signer.sign(software(Optional.empty()));
        AttestationException e = assertThrows(AttestationException.class,
                () -> verifierAt(NOW.plus(Duration.ofMinutes(11))).verify(token));
        assertEquals(Reason.RESULT_EXPIRED, e.reason());
        assertEquals("attestation result r1 expired at 2026-11-27T18:10:00Z", e.getMessage());
    }

    @Test
    void verify_everyChangedCharacter_isRefused() {
        String token = signer.sign(software(Optional.of("job-1")));
        AttestationResultVerifier verifier = verifierAt(NOW);
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            int position = i;
            AttestationException e = assertThrows(AttestationException.class, () -> verifier.verify(tampered),
                    () -> "a change at " + position + " was accepted");
            assertTrue(e.reason() == Reason.RESULT_SIGNATURE_INVALID || e.reason() == Reason.MALFORMED_RESULT,
                    position + ": " + e);
        }
    }

    @Test
    void verify_signatureSpelledWithOtherSpareBits_isRefused() {
        String token = signer.sign(software(Optional.of("job-1")));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        // A 64-byte signature is 86 characters; the last one carries 2 bits and 4 spare ones.
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
        AttestationException e = assertThrows(AttestationException.class, () -> verifierAt(NOW).verify(respelled));
        assertEquals(Reason.MALFORMED_RESULT, e.reason());
    }

    @Test
    void verify_signedByAnotherKey_isRefused() {
        SigningKeyPair other = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        String token = new AttestationResultSigner(other.signer(), "attestation-1").sign(software(Optional.empty()));
        AttestationException e = assertThrows(AttestationException.class, () -> verifierAt(NOW).verify(token));
        assertEquals(Reason.RESULT_SIGNATURE_INVALID, e.reason());
    }

    @Test
    void verify_unsignedOrGarbage_isMalformed() {
        String token = signer.sign(software(Optional.empty()));
        String[] parts = token.split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"eat+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        for (String bad : new String[] {unsigned, "", "a.b", "not a token", token + ".x"}) {
            AttestationException e = assertThrows(AttestationException.class, () -> verifierAt(NOW).verify(bad), bad);
            assertEquals(Reason.MALFORMED_RESULT, e.reason(), bad);
        }
    }

    @Test
    void signer_refusesEd25519Keys() {
        SigningKeyPair ed = SigningKeyPair.generate(SignatureAlgorithm.ED25519);
        assertThrows(IllegalArgumentException.class, () -> new AttestationResultSigner(ed.signer(), "k"));
    }

    private AttestationResultVerifier verifierAt(Instant instant) {
        return new AttestationResultVerifier(broker.publicKey(), Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static AttestationResult software(Optional<String> job) {
        byte[] nonce = {1, 2, 3, 4};
        VerifiedClaims claims = new VerifiedClaims(EvidenceType.SOFTWARE, measurement(7),
                ReportDataBinding.forWorkloadKey(new byte[] {9, 9}, nonce).reportData(), Optional.empty(), Set.of(),
                "compute-b/compute-1", "software", false);
        return new AttestationResult("r1", "p1", "compute-b", job, claims, nonce, NOW,
                NOW.plus(Duration.ofMinutes(10)));
    }

    private static Measurement measurement(int fill) {
        byte[] m = new byte[Measurement.LENGTH];
        java.util.Arrays.fill(m, (byte) fill);
        return Measurement.of(m);
    }
}
