package io.cleave.crypto;

import io.cleave.crypto.internal.HpkeEngine;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A recipient's (or authenticated sender's) HPKE public key together with the suite it is used
 * with. Validated when built: an invalid curve point or wrong length never gets this far.
 * Encoding: kem id, kdf id, aead id (each 2 bytes, big-endian) followed by the RFC 9180
 * SerializePublicKey bytes.
 */
public final class HpkePublicKey {
    private static final int HEADER = 6;

    private final HpkeSuite suite;
    private final byte[] key;

    private HpkePublicKey(HpkeSuite suite, byte[] key) {
        this.suite = suite;
        this.key = key;
    }

    static HpkePublicKey of(HpkeSuite suite, byte[] serialized) throws GeneralSecurityException {
        Objects.requireNonNull(suite, "suite");
        byte[] copy = serialized.clone();
        engine(suite).checkPublicKey(copy);
        return new HpkePublicKey(suite, copy);
    }

    /** Parses {@link #encode()} output; throws with the reason when it is not a valid key. */
    public static HpkePublicKey decode(byte[] encoded) throws GeneralSecurityException {
        if (encoded.length <= HEADER) {
            throw new GeneralSecurityException("HPKE public key too short: " + encoded.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        int kem = Short.toUnsignedInt(in.getShort());
        int kdf = Short.toUnsignedInt(in.getShort());
        int aead = Short.toUnsignedInt(in.getShort());
        HpkeSuite suite = HpkeSuite.fromIds(kem, kdf, aead).orElseThrow(() -> new GeneralSecurityException(
                "unsupported HPKE suite " + kem + "/" + kdf + "/" + aead));
        return of(suite, Arrays.copyOfRange(encoded, HEADER, encoded.length));
    }

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + key.length)
                .putShort((short) suite.kem().id())
                .putShort((short) suite.kdf().id())
                .putShort((short) suite.aead().id())
                .put(key)
                .array();
    }

    public HpkeSuite suite() {
        return suite;
    }

    byte[] serialized() {
        return key.clone();
    }

    static HpkeEngine engine(HpkeSuite suite) {
        return new HpkeEngine(suite.kem().id(), suite.kdf().id(), suite.aead().id());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HpkePublicKey other && suite.equals(other.suite) && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return 31 * suite.hashCode() + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "HpkePublicKey[" + suite + ", " + HexFormat.of().formatHex(key) + "]";
    }
}
