package io.cleave.crypto;

import io.cleave.crypto.internal.HpkeEngine;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Single-shot Hybrid Public Key Encryption (RFC 9180) for seeds, data keys and model outputs sent
 * to one recipient. Each call encapsulates a fresh ephemeral key, so boxes are independent.
 *
 * <p>{@code info} binds the box to its purpose (e.g. "cleave/v1/model-output/" + job id) and is
 * covered by the key schedule; {@code aad} is authenticated but not encrypted. Opening fails with
 * the uniform message "decryption failed" whatever went wrong. Thread-safe.
 */
public final class Hpke {
    private static final String DECRYPTION_FAILED = "decryption failed";

    private Hpke() {
    }

    /** Base mode: anyone may have sealed the box; only the recipient can open it. */
    public static SealedBox seal(HpkePublicKey recipient, byte[] info, byte[] aad, byte[] plaintext)
            throws GeneralSecurityException {
        HpkeEngine.Sealed sealed = HpkePublicKey.engine(recipient.suite())
                .sealBase(recipient.serialized(), info, aad, plaintext);
        return new SealedBox(recipient.suite(), HpkeMode.BASE, sealed.encapsulatedKey(), sealed.ciphertext());
    }

    /** Auth mode: the recipient can also check that {@code sender} sealed the box. */
    public static SealedBox sealAuthenticated(HpkePublicKey recipient, HpkeKeyPair sender, byte[] info, byte[] aad,
            byte[] plaintext) throws GeneralSecurityException {
        requireSameSuite(recipient.suite(), sender.suite(), "sender key suite does not match the recipient's");
        HpkeEngine.Sealed sealed = HpkePublicKey.engine(recipient.suite())
                .sealAuth(recipient.serialized(), sender.privateKey(), info, aad, plaintext);
        return new SealedBox(recipient.suite(), HpkeMode.AUTH, sealed.encapsulatedKey(), sealed.ciphertext());
    }

    public static byte[] open(HpkeKeyPair recipient, byte[] info, byte[] aad, SealedBox box)
            throws GeneralSecurityException {
        checkBox(recipient, box, HpkeMode.BASE);
        return HpkePublicKey.engine(box.suite())
                .openBase(box.encapsulatedKey(), recipient.privateKey(), info, aad, box.ciphertext());
    }

    public static byte[] openAuthenticated(HpkeKeyPair recipient, HpkePublicKey sender, byte[] info, byte[] aad,
            SealedBox box) throws GeneralSecurityException {
        checkBox(recipient, box, HpkeMode.AUTH);
        if (!sender.suite().equals(box.suite())) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        return HpkePublicKey.engine(box.suite()).openAuth(
                box.encapsulatedKey(), recipient.privateKey(), sender.serialized(), info, aad, box.ciphertext());
    }

    private static void checkBox(HpkeKeyPair recipient, SealedBox box, HpkeMode mode) throws GeneralSecurityException {
        Objects.requireNonNull(box, "box");
        if (box.mode() != mode || !box.suite().equals(recipient.suite())) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    private static void requireSameSuite(HpkeSuite a, HpkeSuite b, String message) {
        if (!a.equals(b)) {
            throw new IllegalArgumentException(message);
        }
    }
}
