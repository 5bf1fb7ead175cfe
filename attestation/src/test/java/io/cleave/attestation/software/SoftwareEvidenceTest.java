package io.cleave.attestation.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.VerifiedClaims;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SoftwareEvidenceTest {
    private EvidenceSigningKey providerKey;
    private SoftwareEvidenceVerifier verifier;
    private Measurement measurement;
    private byte[] reportData;

    @BeforeEach
    void setUp() throws Exception {
        providerKey = EcdsaP256EvidenceKeys.generate("compute-provider-1");
        EvidenceVerificationKey trusted = EcdsaP256EvidenceKeys.verificationKeyOf(providerKey);
        verifier = new SoftwareEvidenceVerifier(id -> Optional.of(trusted).filter(k -> k.keyId().equals(id)));
        measurement = SoftwareMeasurement.builder()
                .artefact("cleave-worker.jar", "worker bytes".getBytes(StandardCharsets.UTF_8))
                .configuration("threads", "2")
                .build();
        reportData = ReportDataBinding.forWorkloadKey(new byte[] {1, 2, 3}, new byte[] {9}).reportData();
    }

    @Test
    void verify_issuedEvidence_claimsNoHardwareIsolation() throws Exception {
        Evidence.Software evidence = new SoftwareEvidenceIssuer(providerKey).issue(measurement, reportData);
        VerifiedClaims claims = verifier.verify(evidence);
        assertEquals(EvidenceType.SOFTWARE, claims.evidenceType());
        assertFalse(claims.hardwareIsolated());
        assertEquals(measurement, claims.measurement());
        assertTrue(Arrays.equals(reportData, claims.reportData()));
        assertEquals(Optional.empty(), claims.tcb());
        assertEquals(Set.of(), claims.policyFlags());
        assertEquals("compute-provider-1", claims.signer());
        assertEquals("software", claims.product());
    }

    @Test
    void verify_afterEncodeAndDecode_verifies() throws Exception {
        Evidence.Software evidence = new SoftwareEvidenceIssuer(providerKey).issue(measurement, reportData);
        Evidence.Software decoded = SoftwareEvidenceFormat.decode(SoftwareEvidenceFormat.encode(evidence));
        assertEquals(evidence, decoded);
        assertEquals(measurement, verifier.verify(decoded).measurement());
    }

    @Test
    void verify_everyChangedWireByte_refused() throws Exception {
        byte[] wire = SoftwareEvidenceFormat.encode(new SoftwareEvidenceIssuer(providerKey).issue(measurement, reportData));
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] mutated = wire.clone();
                mutated[i] ^= (byte) (1 << bit);
                try {
                    verifier.verify(SoftwareEvidenceFormat.decode(mutated));
                    accepted.add("byte " + i + " bit " + bit);
                } catch (AttestationException expected) {
                    // refused, as it must be
                }
            }
        }
        assertTrue(accepted.isEmpty(), "accepted mutations: " + accepted);
    }

    @Test
    void decode_truncatedOrExtended_refused() throws Exception {
        byte[] wire = SoftwareEvidenceFormat.encode(new SoftwareEvidenceIssuer(providerKey).issue(measurement, reportData));
        for (int length = 1; length < wire.length; length++) {
            byte[] cut = Arrays.copyOf(wire, length);
            refused(Reason.MALFORMED_EVIDENCE, "software evidence is truncated", () -> SoftwareEvidenceFormat.decode(cut));
        }
        refused(Reason.MALFORMED_EVIDENCE, "software evidence has 1 trailing bytes",
                () -> SoftwareEvidenceFormat.decode(Arrays.copyOf(wire, wire.length + 1)));
        refused(Reason.MALFORMED_EVIDENCE, "software evidence is empty", () -> SoftwareEvidenceFormat.decode(new byte[0]));
    }

    @Test
    void decode_unknownVersion_refusedFirst() {
        refused(Reason.UNSUPPORTED_VERSION, "software evidence version 2 is not supported (supported: 1)",
                () -> SoftwareEvidenceFormat.decode(new byte[] {2}));
    }

    @Test
    void verify_signedByAnotherKeyWithTheSameId_refused() throws Exception {
        EvidenceSigningKey impostor = EcdsaP256EvidenceKeys.generate("compute-provider-1");
        Evidence.Software forged = new SoftwareEvidenceIssuer(impostor).issue(measurement, reportData);
        refused(Reason.EVIDENCE_SIGNATURE_INVALID,
                "software evidence signature does not verify with key 'compute-provider-1'", () -> verifier.verify(forged));
    }

    @Test
    void verify_signatureMovedToAnotherKeyId_refused() throws Exception {
        Evidence.Software evidence = new SoftwareEvidenceIssuer(providerKey).issue(measurement, reportData);
        EvidenceVerificationKey sameKeyOtherName = EcdsaP256EvidenceKeys.decode("other-id",
                EcdsaP256EvidenceKeys.encode(EcdsaP256EvidenceKeys.verificationKeyOf(providerKey)));
        SoftwareEvidenceVerifier both = new SoftwareEvidenceVerifier(id -> Optional.of(sameKeyOtherName));
        Evidence.Software renamed = new Evidence.Software(measurement, reportData, "other-id", evidence.signature());
        refused(Reason.EVIDENCE_SIGNATURE_INVALID, "software evidence signature does not verify with key 'other-id'",
                () -> both.verify(renamed));
    }

    @Test
    void verify_untrustedKeyId_refused() throws Exception {
        Evidence.Software evidence = new SoftwareEvidenceIssuer(EcdsaP256EvidenceKeys.generate("stranger"))
                .issue(measurement, reportData);
        refused(Reason.UNKNOWN_SIGNING_KEY, "software evidence is signed by 'stranger', a key this verifier does not trust",
                () -> verifier.verify(evidence));
    }

    @Test
    void decode_keyThatIsNotP256_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] p384 = generator.generateKeyPair().getPublic().getEncoded();
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> EcdsaP256EvidenceKeys.decode("k", p384));
        assertEquals("evidence verification key is not an ECDSA P-256 key", e.getMessage());
    }

    @Test
    void measurement_isIndependentOfInsertionOrderAndSensitiveToEveryPart() {
        byte[] jar = "jar".getBytes(StandardCharsets.UTF_8);
        byte[] model = "model".getBytes(StandardCharsets.UTF_8);
        Measurement base = SoftwareMeasurement.builder().artefact("a.jar", jar).artefact("m.bin", model)
                .configuration("k", "v").build();
        Measurement reordered = SoftwareMeasurement.builder().configuration("k", "v").artefact("m.bin", model)
                .artefact("a.jar", jar).build();
        assertEquals(base, reordered);
        Map<String, Measurement> variants = Map.of(
                "content", SoftwareMeasurement.builder().artefact("a.jar", model).artefact("m.bin", model)
                        .configuration("k", "v").build(),
                "name", SoftwareMeasurement.builder().artefact("b.jar", jar).artefact("m.bin", model)
                        .configuration("k", "v").build(),
                "setting", SoftwareMeasurement.builder().artefact("a.jar", jar).artefact("m.bin", model)
                        .configuration("k", "w").build(),
                "boundary", SoftwareMeasurement.builder().artefact("a.jar", jar).artefact("m.bin", model)
                        .configuration("kv", "").build());
        variants.forEach((what, m) -> assertFalse(base.equals(m), "changing the " + what + " must change it"));
    }

    @Test
    void verify_sevSnpEvidence_refusedAsUnsupportedType() {
        refused(Reason.UNSUPPORTED_EVIDENCE_TYPE, "the software verifier cannot verify SEV_SNP evidence",
                () -> verifier.verify(new Evidence.SevSnp(new byte[0], List.of())));
    }

    private static void refused(Reason reason, String message, Executable action) {
        AttestationException e = assertThrows(AttestationException.class, action);
        assertEquals(reason, e.reason(), e::getMessage);
        assertEquals(message, e.getMessage());
    }
}
