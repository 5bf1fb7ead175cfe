package io.cleave.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.crypto.HpkeSuite;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.junit.jupiter.api.Test;

/**
 * Every RFC 9180 vector: suites and modes Cleave offers must reproduce the known answers exactly;
 * the others (PSK modes, export-only AEAD) are listed with the reason, never skipped silently.
 */
class HpkeVectorTest {
    private static final int MODE_BASE = 0;
    private static final int MODE_AUTH = 2;

    @Test
    void everyVector_supportedSuitesMatchKnownAnswers_unsupportedAreListed() throws Exception {
        List<Rfc9180Vectors.Vector> vectors = Rfc9180Vectors.load();
        List<String> failures = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int checked = 0;
        for (Rfc9180Vectors.Vector v : vectors) {
            String reason = unsupportedReason(v);
            if (reason != null) {
                unsupported.add(v.id() + ": " + reason);
                continue;
            }
            checked++;
            try {
                check(v, failures);
            } catch (GeneralSecurityException | RuntimeException | InvalidCipherTextException e) {
                failures.add(v.id() + ": threw " + e);
            }
        }
        System.out.println("RFC 9180 vectors: " + vectors.size() + " total, " + checked + " checked, "
                + unsupported.size() + " unsupported:");
        unsupported.forEach(u -> System.out.println("  unsupported " + u));
        assertEquals(128, vectors.size(), "vector file must hold the 128 CFRG vectors");
        assertEquals(48, checked, "base and auth modes of 4 KEMs x 2 KDFs x 3 AEADs");
        assertTrue(failures.isEmpty(), "mismatching vectors:\n" + String.join("\n", failures));
    }

    private static String unsupportedReason(Rfc9180Vectors.Vector v) {
        if (v.mode() != MODE_BASE && v.mode() != MODE_AUTH) {
            return "PSK mode " + v.mode() + ": Cleave has no pre-shared keys and offers base and auth only";
        }
        if (HpkeSuite.fromIds(v.kemId(), v.kdfId(), v.aeadId()).isEmpty()) {
            return "suite not offered (export-only AEAD 0xffff: Cleave seals, it does not export secrets)";
        }
        return null;
    }

    private static void check(Rfc9180Vectors.Vector v, List<String> failures)
            throws GeneralSecurityException, InvalidCipherTextException {
        HpkeEngine engine = new HpkeEngine(v.kemId(), v.kdfId(), v.aeadId());
        HpkePrivateKey recipient = engine.deriveKeyPair(v.ikmR());
        expect(failures, v, "DeriveKeyPair(ikmR) public", v.pkRm(), engine.serializePublicKey(recipient));
        expect(failures, v, "DeriveKeyPair(ikmR) private", clampedAsStored(v.kemId(), v.skRm()),
                engine.serializePrivateKey(recipient));
        HpkePrivateKey imported = engine.deserializePrivateKey(v.skRm());
        expect(failures, v, "DeserializePrivateKey(skRm) public", v.pkRm(), engine.serializePublicKey(imported));

        Rfc9180Vectors.Encryption first = v.encryptions().get(0);
        if (v.mode() == MODE_AUTH) {
            HpkePrivateKey sender = engine.deriveKeyPair(v.ikmS());
            expect(failures, v, "DeriveKeyPair(ikmS) public", v.pkSm(), engine.serializePublicKey(sender));
            expect(failures, v, "openAuth(enc, ct[0])", first.plaintext(),
                    engine.openAuth(v.enc(), imported, v.pkSm(), v.info(), first.aad(), first.ciphertext()));
        } else {
            expect(failures, v, "openBase(enc, ct[0])", first.plaintext(),
                    engine.openBase(v.enc(), imported, v.info(), first.aad(), first.ciphertext()));
            HpkeEngine.Sealed sealed = engine.insecureSealBaseWithFixedEphemeral(
                    v.pkRm(), engine.deriveKeyPair(v.ikmE()), v.info(), first.aad(), first.plaintext());
            expect(failures, v, "sealBase enc", v.enc(), sealed.encapsulatedKey());
            expect(failures, v, "sealBase ct[0]", first.ciphertext(), sealed.ciphertext());
        }
        checkWholeContext(v, imported, failures);
    }

    /**
     * Cleave's API is single-shot (sequence 0), but the library under it must get every sequence
     * number and every export right too; this walks the vector's full receiver context.
     */
    private static void checkWholeContext(Rfc9180Vectors.Vector v, HpkePrivateKey recipient, List<String> failures)
            throws InvalidCipherTextException {
        HPKE hpke = new HPKE((byte) v.mode(), (short) v.kemId(), (short) v.kdfId(), (short) v.aeadId());
        HPKEContext context = v.mode() == MODE_AUTH
                ? hpke.setupAuthR(v.enc(), recipient.pair(), v.info(), hpke.deserializePublicKey(v.pkSm()))
                : hpke.setupBaseR(v.enc(), recipient.pair(), v.info());
        for (int i = 0; i < v.encryptions().size(); i++) {
            Rfc9180Vectors.Encryption e = v.encryptions().get(i);
            expect(failures, v, "context open seq " + i, e.plaintext(), context.open(e.aad(), e.ciphertext()));
        }
        for (int i = 0; i < v.exports().size(); i++) {
            Rfc9180Vectors.Export e = v.exports().get(i);
            expect(failures, v, "export " + i, e.value(), context.export(e.context(), e.length()));
        }
    }

    /**
     * RFC 9180 serializes X25519/X448 private keys as the raw HKDF output; Bouncy Castle stores
     * them clamped (RFC 7748 decodeScalar). Clamping does not change the public key or any DH
     * result, so the stored form is compared with the clamped vector value.
     */
    private static byte[] clampedAsStored(int kemId, byte[] sk) {
        byte[] k = sk.clone();
        if (kemId == HpkeSuite.Kem.DHKEM_X25519_HKDF_SHA256.id()) {
            k[0] &= (byte) 248;
            k[31] &= 127;
            k[31] |= 64;
        } else if (kemId == HpkeSuite.Kem.DHKEM_X448_HKDF_SHA512.id()) {
            k[0] &= (byte) 252;
            k[55] |= (byte) 128;
        }
        return k;
    }

    private static void expect(List<String> failures, Rfc9180Vectors.Vector v, String what, byte[] expected,
            byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            failures.add(v.id() + ": " + what + " mismatch");
        }
    }
}
