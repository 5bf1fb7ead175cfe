package io.cleave.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One HPKE-sealed message: suite, mode, encapsulated key and ciphertext.
 *
 * <p>Wire form (big-endian): version (1 byte, = 1), mode (1), kem id (2), kdf id (2), aead id (2),
 * encapsulated key length (2), encapsulated key, ciphertext (the rest, tag included).
 * The header is not authenticated by the AEAD, but every field of it either selects the key
 * schedule (so a change makes decryption fail) or is checked against the recipient's key.
 */
public record SealedBox(HpkeSuite suite, HpkeMode mode, byte[] encapsulatedKey, byte[] ciphertext) {
    private static final int VERSION = 1;
    private static final int HEADER = 10;
    private static final int TAG_LENGTH = 16;

    public SealedBox {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(mode, "mode");
        if (encapsulatedKey.length == 0 || encapsulatedKey.length > 0xFFFF) {
            throw new IllegalArgumentException("encapsulatedKey must be 1..65535 bytes, got " + encapsulatedKey.length);
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new IllegalArgumentException("ciphertext must hold at least the 16-byte tag, got " + ciphertext.length);
        }
        encapsulatedKey = encapsulatedKey.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] encapsulatedKey() {
        return encapsulatedKey.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + encapsulatedKey.length + ciphertext.length)
                .put((byte) VERSION)
                .put((byte) mode.id())
                .putShort((short) suite.kem().id())
                .putShort((short) suite.kdf().id())
                .putShort((short) suite.aead().id())
                .putShort((short) encapsulatedKey.length)
                .put(encapsulatedKey)
                .put(ciphertext)
                .array();
    }

    /** Parses {@link #encode()} output; the version is checked before anything else. */
    public static SealedBox decode(byte[] encoded) throws GeneralSecurityException {
        if (encoded.length < 1) {
            throw new GeneralSecurityException("malformed sealed box: empty");
        }
        if (encoded[0] != VERSION) {
            throw new GeneralSecurityException("malformed sealed box: unsupported version " + encoded[0]);
        }
        if (encoded.length < HEADER) {
            throw new GeneralSecurityException("malformed sealed box: " + encoded.length + " bytes is shorter than the header");
        }
        ByteBuffer in = ByteBuffer.wrap(encoded, 1, HEADER - 1);
        HpkeMode mode = modeOf(in.get());
        int kem = Short.toUnsignedInt(in.getShort());
        int kdf = Short.toUnsignedInt(in.getShort());
        int aead = Short.toUnsignedInt(in.getShort());
        HpkeSuite suite = HpkeSuite.fromIds(kem, kdf, aead).orElseThrow(() -> new GeneralSecurityException(
                "malformed sealed box: unsupported suite " + kem + "/" + kdf + "/" + aead));
        int encLength = Short.toUnsignedInt(in.getShort());
        if (encLength == 0 || encoded.length - HEADER - encLength < TAG_LENGTH) {
            throw new GeneralSecurityException("malformed sealed box: lengths do not add up");
        }
        return new SealedBox(suite, mode,
                Arrays.copyOfRange(encoded, HEADER, HEADER + encLength),
                Arrays.copyOfRange(encoded, HEADER + encLength, encoded.length));
    }

    private static HpkeMode modeOf(byte id) throws GeneralSecurityException {
        for (HpkeMode mode : HpkeMode.values()) {
            if (mode.id() == id) {
                return mode;
            }
        }
        throw new GeneralSecurityException("malformed sealed box: unsupported mode " + id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedBox other && suite.equals(other.suite) && mode == other.mode
                && Arrays.equals(encapsulatedKey, other.encapsulatedKey) && Arrays.equals(ciphertext, other.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(suite, mode, Arrays.hashCode(encapsulatedKey), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "SealedBox[" + suite + ", " + mode + ", " + ciphertext.length + " ciphertext bytes]";
    }
}
