package io.cleave.crypto;

import io.cleave.crypto.internal.HpkePrivateKey;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An opaque HPKE recipient key pair. The private key leaves this object only through
 * {@link #exportPrivateKeyForOwnerStorage()}, for the owner's own disk.
 */
public final class HpkeKeyPair {
    private static final int STORAGE_VERSION = 1;
    private static final int STORAGE_HEADER = 7;

    private final HpkeSuite suite;
    private final HpkePrivateKey key;
    private final HpkePublicKey publicKey;

    private HpkeKeyPair(HpkeSuite suite, HpkePrivateKey key) throws GeneralSecurityException {
        this.suite = suite;
        this.key = key;
        this.publicKey = HpkePublicKey.of(suite, HpkePublicKey.engine(suite).serializePublicKey(key));
    }

    public static HpkeKeyPair generate(HpkeSuite suite) {
        Objects.requireNonNull(suite, "suite");
        try {
            return new HpkeKeyPair(suite, HpkePublicKey.engine(suite).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("freshly generated HPKE key rejected", e);
        }
    }

    /**
     * The private key in a self-describing form (version, suite ids, RFC 9180 SerializePrivateKey
     * bytes) for the owner to keep on its own disk. Whoever holds these bytes can open every box
     * sealed to this key: never send them anywhere.
     */
    public byte[] exportPrivateKeyForOwnerStorage() {
        byte[] sk = HpkePublicKey.engine(suite).serializePrivateKey(key);
        return ByteBuffer.allocate(STORAGE_HEADER + sk.length)
                .put((byte) STORAGE_VERSION)
                .putShort((short) suite.kem().id())
                .putShort((short) suite.kdf().id())
                .putShort((short) suite.aead().id())
                .put(sk)
                .array();
    }

    /** Reads back {@link #exportPrivateKeyForOwnerStorage()} output. */
    public static HpkeKeyPair importPrivateKeyFromOwnerStorage(byte[] stored) throws GeneralSecurityException {
        if (stored.length <= STORAGE_HEADER) {
            throw new GeneralSecurityException("stored HPKE key too short: " + stored.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        int version = in.get();
        if (version != STORAGE_VERSION) {
            throw new GeneralSecurityException("unsupported stored HPKE key version " + version);
        }
        int kem = Short.toUnsignedInt(in.getShort());
        int kdf = Short.toUnsignedInt(in.getShort());
        int aead = Short.toUnsignedInt(in.getShort());
        HpkeSuite suite = HpkeSuite.fromIds(kem, kdf, aead).orElseThrow(() -> new GeneralSecurityException(
                "unsupported HPKE suite " + kem + "/" + kdf + "/" + aead));
        byte[] sk = Arrays.copyOfRange(stored, STORAGE_HEADER, stored.length);
        return new HpkeKeyPair(suite, HpkePublicKey.engine(suite).deserializePrivateKey(sk));
    }

    public HpkeSuite suite() {
        return suite;
    }

    public HpkePublicKey publicKey() {
        return publicKey;
    }

    HpkePrivateKey privateKey() {
        return key;
    }

    @Override
    public String toString() {
        return "HpkeKeyPair[" + suite + ", private key redacted]";
    }
}
