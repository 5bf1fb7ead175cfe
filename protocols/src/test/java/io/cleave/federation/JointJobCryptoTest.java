package io.cleave.federation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.HpkeSuite;
import io.cleave.crypto.SealedBox;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.mpc.WeightShare;
import io.cleave.protocols.v1.JobSpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consent signatures, published keys and sealed model shares refuse every alteration. */
class JointJobCryptoTest {
    private static final SigningKeyPair ORG = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private static final JointSpec SPEC = JointSpec.of(JobSpec.newBuilder().setSpecVersion(JointSpec.VERSION)
            .setJobId("job-1").setOwner("hospital-a").build());

    @Test
    void consent_anyFieldChanged_refused() throws Exception {
        byte[] signature = Consent.sign(ORG.signer(), "job-1", "hospital-a", Consent.Decision.APPROVE, SPEC.hash());
        Consent.verify(ORG.publicKey(), signature, "job-1", "hospital-a", Consent.Decision.APPROVE, SPEC.hash());
        byte[] otherHash = SPEC.hash();
        otherHash[0] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> Consent.verify(ORG.publicKey(), signature, "job-2",
                "hospital-a", Consent.Decision.APPROVE, SPEC.hash()));
        assertThrows(GeneralSecurityException.class, () -> Consent.verify(ORG.publicKey(), signature, "job-1",
                "hospital-b", Consent.Decision.APPROVE, SPEC.hash()));
        assertThrows(GeneralSecurityException.class, () -> Consent.verify(ORG.publicKey(), signature, "job-1",
                "hospital-a", Consent.Decision.REFUSE, SPEC.hash()));
        assertThrows(GeneralSecurityException.class, () -> Consent.verify(ORG.publicKey(), signature, "job-1",
                "hospital-a", Consent.Decision.APPROVE, otherHash));
        byte[] flipped = signature.clone();
        flipped[flipped.length / 2] ^= 0x10;
        assertThrows(GeneralSecurityException.class, () -> Consent.verify(ORG.publicKey(), flipped, "job-1",
                "hospital-a", Consent.Decision.APPROVE, SPEC.hash()));
    }

    @Test
    void requireApproved_specBytesAltered_refusedNamingJobAndHash() throws Exception {
        byte[] signature = Consent.sign(ORG.signer(), "job-1", "hospital-a", Consent.Decision.APPROVE, SPEC.hash());
        JointSpec widened = JointSpec.of(SPEC.spec().toBuilder().setOpenEpochLoss(true).build());
        var e = assertThrows(GeneralSecurityException.class, () -> Consent.requireApproved(widened, "hospital-a",
                ORG.publicKey(), signature));
        assertEquals("no valid consent of hospital-a for job job-1 (spec " + widened.hashHex() + ")", e.getMessage());
        Consent.requireApproved(SPEC, "hospital-a", ORG.publicKey(), signature);
    }

    @Test
    void publishedKey_substitutedKey_refused() throws Exception {
        HpkeKeyPair mine = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        HpkeKeyPair brokers = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        byte[] signature = PublishedKey.sign(ORG.signer(), "hospital-a", mine.publicKey());
        assertEquals(mine.publicKey(), PublishedKey.verify(ORG.publicKey(), "hospital-a", mine.publicKey().encode(),
                signature));
        var e = assertThrows(GeneralSecurityException.class, () -> PublishedKey.verify(ORG.publicKey(), "hospital-a",
                brokers.publicKey().encode(), signature));
        assertEquals("the HPKE key of hospital-a is not signed by its organisation key", e.getMessage());
    }

    @Test
    void modelDelivery_openedByRecipient_matchesCommitment_andRefusesEveryAlteration() throws Exception {
        HpkeKeyPair a = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        HpkeKeyPair b = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        WeightShare share = new WeightShare(1, 16, new long[] {5, -7, 1L << 40}, 99);
        var delivery = ModelDelivery.seal("job-1", share, Map.of("hospital-a", a.publicKey(), "hospital-b",
                b.publicKey()), new SecureRandom());
        SealedBox box = delivery.boxes().get("hospital-a");
        assertArrayEquals(share.toBytes(), ModelDelivery.open("job-1", 1, "hospital-a", a, box, delivery.commitment()));
        byte[] otherCommitment = delivery.commitment().clone();
        otherCommitment[31] ^= 1;
        var e = assertThrows(GeneralSecurityException.class, () -> ModelDelivery.open("job-1", 1, "hospital-a", a, box,
                otherCommitment));
        assertEquals("the share of party 1 does not match its commitment in the audit log", e.getMessage());
        assertThrows(GeneralSecurityException.class, () -> ModelDelivery.open("job-1", 1, "hospital-a", b, box,
                delivery.commitment()));
        assertThrows(GeneralSecurityException.class, () -> ModelDelivery.open("job-1", 0, "hospital-a", a, box,
                delivery.commitment()));
        assertThrows(GeneralSecurityException.class, () -> ModelDelivery.open("job-2", 1, "hospital-a", a, box,
                delivery.commitment()));
        byte[] encoded = box.encode();
        for (int i = 0; i < encoded.length; i += 7) {
            byte[] flipped = encoded.clone();
            flipped[i] ^= 0x01;
            assertThrows(GeneralSecurityException.class, () -> ModelDelivery.open("job-1", 1, "hospital-a", a,
                    SealedBox.decode(flipped), delivery.commitment()), "bit flip at byte " + i);
        }
    }
}
