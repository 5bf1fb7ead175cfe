package io.cleave.crypto;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 9180 cipher suite: KEM, KDF and AEAD. Immutable; use the named presets unless a peer
 * dictates otherwise. Export-only AEAD is not offered because Cleave only seals messages.
 */
public record HpkeSuite(Kem kem, Kdf kdf, Aead aead) {

    /** The default for seeds, data keys and model outputs. */
    public static final HpkeSuite X25519_SHA256_AES_256_GCM =
            new HpkeSuite(Kem.DHKEM_X25519_HKDF_SHA256, Kdf.HKDF_SHA256, Aead.AES_256_GCM);
    public static final HpkeSuite X25519_SHA256_AES_128_GCM =
            new HpkeSuite(Kem.DHKEM_X25519_HKDF_SHA256, Kdf.HKDF_SHA256, Aead.AES_128_GCM);
    public static final HpkeSuite X25519_SHA256_CHACHA20_POLY1305 =
            new HpkeSuite(Kem.DHKEM_X25519_HKDF_SHA256, Kdf.HKDF_SHA256, Aead.CHACHA20_POLY1305);
    /** For recipients whose keys must live in FIPS-style P-256 hardware. */
    public static final HpkeSuite P256_SHA256_AES_128_GCM =
            new HpkeSuite(Kem.DHKEM_P256_HKDF_SHA256, Kdf.HKDF_SHA256, Aead.AES_128_GCM);

    public HpkeSuite {
        Objects.requireNonNull(kem, "kem");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(aead, "aead");
    }

    /** Registry identifiers from RFC 9180 §7.1. */
    public enum Kem {
        DHKEM_P256_HKDF_SHA256(0x0010),
        DHKEM_P521_HKDF_SHA512(0x0012),
        DHKEM_X25519_HKDF_SHA256(0x0020),
        DHKEM_X448_HKDF_SHA512(0x0021);

        private final int id;

        Kem(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }
    }

    /** Registry identifiers from RFC 9180 §7.2. */
    public enum Kdf {
        HKDF_SHA256(0x0001),
        HKDF_SHA384(0x0002),
        HKDF_SHA512(0x0003);

        private final int id;

        Kdf(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }
    }

    /** Registry identifiers from RFC 9180 §7.3. */
    public enum Aead {
        AES_128_GCM(0x0001),
        AES_256_GCM(0x0002),
        CHACHA20_POLY1305(0x0003);

        private final int id;

        Aead(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }
    }

    /** The suite with these registry identifiers, or empty when Cleave does not offer it. */
    public static Optional<HpkeSuite> fromIds(int kemId, int kdfId, int aeadId) {
        Optional<Kem> kem = Arrays.stream(Kem.values()).filter(k -> k.id == kemId).findFirst();
        Optional<Kdf> kdf = Arrays.stream(Kdf.values()).filter(k -> k.id == kdfId).findFirst();
        Optional<Aead> aead = Arrays.stream(Aead.values()).filter(a -> a.id == aeadId).findFirst();
        if (kem.isEmpty() || kdf.isEmpty() || aead.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HpkeSuite(kem.get(), kdf.get(), aead.get()));
    }

    @Override
    public String toString() {
        return kem + "/" + kdf + "/" + aead;
    }
}
