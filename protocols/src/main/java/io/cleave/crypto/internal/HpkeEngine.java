package io.cleave.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.function.Supplier;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * Single-shot RFC 9180 HPKE over Bouncy Castle's {@code org.bouncycastle.crypto.hpke}.
 *
 * <p>Each seal sets up a fresh context and uses sequence number 0 only, so nonce reuse across
 * messages is impossible by construction. Every failure on the receiving side is reported as the
 * same "decryption failed" so that a sender learns nothing about which step failed.
 * Thread-safe: instances hold only the suite identifiers.
 */
public final class HpkeEngine {
    private static final String DECRYPTION_FAILED = "decryption failed";

    private final short kemId;
    private final short kdfId;
    private final short aeadId;

    public HpkeEngine(int kemId, int kdfId, int aeadId) {
        this.kemId = (short) kemId;
        this.kdfId = (short) kdfId;
        this.aeadId = (short) aeadId;
    }

    /** Output of a seal: the KEM encapsulation and the AEAD ciphertext with its tag. */
    public record Sealed(byte[] encapsulatedKey, byte[] ciphertext) {
    }

    public HpkePrivateKey generateKeyPair() {
        return new HpkePrivateKey(hpke(HPKE.mode_base).generatePrivateKey());
    }

    /** RFC 9180 §7.1.3 DeriveKeyPair: deterministic, for known-answer tests and key backup. */
    public HpkePrivateKey deriveKeyPair(byte[] ikm) {
        return new HpkePrivateKey(hpke(HPKE.mode_base).deriveKeyPair(ikm.clone()));
    }

    public byte[] serializePublicKey(HpkePrivateKey key) {
        return hpke(HPKE.mode_base).serializePublicKey(key.pair().getPublic());
    }

    public byte[] serializePrivateKey(HpkePrivateKey key) {
        return hpke(HPKE.mode_base).serializePrivateKey(key.pair().getPrivate());
    }

    /** Rebuilds a key pair from its serialized private key; the public key is recomputed. */
    public HpkePrivateKey deserializePrivateKey(byte[] sk) throws GeneralSecurityException {
        try {
            return new HpkePrivateKey(hpke(HPKE.mode_base).deserializePrivateKey(sk.clone(), null));
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed HPKE private key");
        }
    }

    /** Throws when {@code pk} is not a valid public key of this suite's KEM. */
    public void checkPublicKey(byte[] pk) throws GeneralSecurityException {
        decodePublic(pk, "malformed HPKE public key");
    }

    public Sealed sealBase(byte[] pkR, byte[] info, byte[] aad, byte[] plaintext)
            throws GeneralSecurityException {
        AsymmetricKeyParameter recipient = decodePublic(pkR, "malformed HPKE public key");
        return seal(() -> hpke(HPKE.mode_base).setupBaseS(recipient, info), aad, plaintext);
    }

    public Sealed sealAuth(byte[] pkR, HpkePrivateKey sender, byte[] info, byte[] aad, byte[] plaintext)
            throws GeneralSecurityException {
        AsymmetricKeyParameter recipient = decodePublic(pkR, "malformed HPKE public key");
        return seal(() -> hpke(HPKE.mode_auth).setupAuthS(recipient, info, sender.pair()), aad, plaintext);
    }

    /**
     * Base-mode seal with a caller-chosen ephemeral key: reusing an ephemeral breaks HPKE's
     * security, so this exists only to reproduce RFC 9180 known answers.
     */
    public Sealed insecureSealBaseWithFixedEphemeral(
            byte[] pkR, HpkePrivateKey ephemeral, byte[] info, byte[] aad, byte[] plaintext)
            throws GeneralSecurityException {
        AsymmetricKeyParameter recipient = decodePublic(pkR, "malformed HPKE public key");
        return seal(() -> hpke(HPKE.mode_base).setupBaseS(recipient, info, ephemeral.pair()), aad, plaintext);
    }

    public byte[] openBase(byte[] enc, HpkePrivateKey recipient, byte[] info, byte[] aad, byte[] ciphertext)
            throws GeneralSecurityException {
        try {
            return open(hpke(HPKE.mode_base).setupBaseR(enc, recipient.pair(), info), aad, ciphertext);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    public byte[] openAuth(byte[] enc, HpkePrivateKey recipient, byte[] pkS, byte[] info, byte[] aad,
            byte[] ciphertext) throws GeneralSecurityException {
        AsymmetricKeyParameter sender = decodePublic(pkS, DECRYPTION_FAILED);
        try {
            return open(hpke(HPKE.mode_auth).setupAuthR(enc, recipient.pair(), info, sender), aad, ciphertext);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    /**
     * A recipient key that is a valid encoding but a low-order point makes the DH step fail inside
     * Bouncy Castle with an unchecked exception; the sender gets a checked failure instead.
     */
    private static Sealed seal(Supplier<HPKEContextWithEncapsulation> setup, byte[] aad, byte[] plaintext)
            throws GeneralSecurityException {
        try {
            HPKEContextWithEncapsulation ctx = setup.get();
            return new Sealed(ctx.getEncapsulation(), ctx.seal(aad, plaintext));
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new GeneralSecurityException("HPKE seal failed: recipient key rejected");
        }
    }

    private static byte[] open(HPKEContext ctx, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
        try {
            return ctx.open(aad, ciphertext);
        } catch (InvalidCipherTextException e) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    private AsymmetricKeyParameter decodePublic(byte[] pk, String message) throws GeneralSecurityException {
        try {
            return hpke(HPKE.mode_base).deserializePublicKey(pk.clone());
        } catch (RuntimeException e) {
            throw new GeneralSecurityException(message);
        }
    }

    private HPKE hpke(byte mode) {
        return new HPKE(mode, kemId, kdfId, aeadId);
    }
}
