package io.cleave.crypto.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with caller-supplied nonces, on the JDK provider (intrinsified: several GB/s for
 * 16-64 KiB messages). "Insecure" because a repeated nonce under one key destroys confidentiality
 * and integrity: the only caller is the sealed channel, whose per-direction counters never repeat.
 * Not thread-safe: one instance per direction.
 */
public final class InsecureNonceAesGcm {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final SecretKeySpec key;
    private final Cipher cipher;

    public InsecureNonceAesGcm(byte[] key) throws GeneralSecurityException {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }

    /** Writes ciphertext and tag into {@code out} at {@code outOffset}; returns the bytes written. */
    public int encrypt(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength, byte[] out, int outOffset)
            throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(in, inOffset, inLength, out, outOffset);
    }

    /** Returns the plaintext, or throws {@link AEADBadTagException} when the tag does not verify. */
    public byte[] decrypt(byte[] nonce, byte[] aad, byte[] in, int inOffset, int inLength)
            throws GeneralSecurityException {
        if (inLength < TAG_LENGTH) {
            // The JDK answers a short input with ProviderException, not a tag failure.
            throw new AEADBadTagException("ciphertext shorter than the tag");
        }
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(aad);
        byte[] plaintext = new byte[inLength - TAG_LENGTH];
        cipher.doFinal(in, inOffset, inLength, plaintext, 0);
        return plaintext;
    }

    /**
     * Decrypts the remaining bytes of {@code in}, consuming them once the tag verified. Reads the
     * buffer's array in place when it has an accessible one, else one copy of it: the JDK reads
     * read-only and direct buffers in small chunks, and its byte-array path is the one that
     * {@link #encrypt} also runs, so one set of JIT-compiled GHASH and AES-CTR callers serves both.
     */
    public byte[] decrypt(byte[] nonce, byte[] aad, ByteBuffer in) throws GeneralSecurityException {
        byte[] plaintext;
        if (in.hasArray()) {
            plaintext = decrypt(nonce, aad, in.array(), in.arrayOffset() + in.position(), in.remaining());
        } else {
            byte[] copy = new byte[in.remaining()];
            in.duplicate().get(copy);
            plaintext = decrypt(nonce, aad, copy, 0, copy.length);
        }
        in.position(in.limit());
        return plaintext;
    }
}
