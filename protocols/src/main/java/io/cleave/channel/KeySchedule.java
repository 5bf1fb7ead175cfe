package io.cleave.channel;

import io.cleave.crypto.internal.Hkdf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HKDF-SHA256 key schedule of the channel. {@code prk = HKDF-Extract("cleave-channel-v1", X25519)};
 * every key is {@code HKDF-Expand(prk, label || 0x00 || transcriptHash, 32)}, so each key is bound
 * to everything said so far, including the job id, both roles and both ephemerals.
 */
final class KeySchedule {
    static final int KEY_LENGTH = 32;
    private static final byte[] SALT = "cleave-channel-v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prk;

    KeySchedule(byte[] sharedSecret) throws ChannelException {
        this.prk = crypto(() -> Hkdf.extract(SALT, sharedSecret));
    }

    byte[] derive(String label, byte[] transcriptHash) throws ChannelException {
        byte[] info = concat(label.getBytes(StandardCharsets.US_ASCII), new byte[] {0}, transcriptHash);
        return crypto(() -> Hkdf.expand(prk, info, KEY_LENGTH));
    }

    static byte[] mac(byte[] key, String label, byte[] data) throws ChannelException {
        return crypto(() -> Hkdf.hmac(key, concat(label.getBytes(StandardCharsets.US_ASCII), new byte[] {0}, data)));
    }

    /** Next-epoch traffic secret: one-way, so a leaked current key does not expose earlier frames. */
    static byte[] nextSecret(byte[] secret) throws ChannelException {
        return crypto(() -> Hkdf.expand(secret, "cleave-channel-v1 rekey".getBytes(StandardCharsets.US_ASCII), KEY_LENGTH));
    }

    static byte[] expand(byte[] secret, String label, int length) throws ChannelException {
        return crypto(() -> Hkdf.expand(secret, label.getBytes(StandardCharsets.US_ASCII), length));
    }

    static byte[] hash(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface CryptoCall {
        byte[] run() throws GeneralSecurityException;
    }

    /** HMAC-SHA256 is mandatory in every JDK, so a failure here is a broken runtime, not an attack. */
    private static byte[] crypto(CryptoCall call) {
        try {
            return call.run();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
