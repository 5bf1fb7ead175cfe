package io.cleave.crypto;

import io.cleave.crypto.internal.SignatureKeys;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An opaque signing key pair. The private key leaves it only through
 * {@link #exportPkcs8ForOwnerStorage()}, for the owner's own disk (and for TLS stacks that read
 * PKCS#8 PEM files).
 */
public final class SigningKeyPair {
    private final SignatureKeys.Material material;
    private final SignaturePublicKey publicKey;

    private SigningKeyPair(SignatureKeys.Material material) throws GeneralSecurityException {
        this.material = material;
        this.publicKey = SignaturePublicKey.decode(material.publicKeyInfo());
    }

    public static SigningKeyPair generate(SignatureAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            return new SigningKeyPair(SignatureKeys.generate(algorithm == SignatureAlgorithm.ED25519));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    /** PKCS#8 DER of the private key. Whoever holds it can act as this identity: keep it local. */
    public byte[] exportPkcs8ForOwnerStorage() {
        return material.pkcs8();
    }

    /** Reads back {@link #exportPkcs8ForOwnerStorage()} output (ECDSA P-256 or Ed25519 PKCS#8). */
    public static SigningKeyPair importPkcs8FromOwnerStorage(byte[] pkcs8) throws GeneralSecurityException {
        return new SigningKeyPair(SignatureKeys.importPkcs8(pkcs8));
    }

    public SignatureAlgorithm algorithm() {
        return publicKey.algorithm();
    }

    public SignaturePublicKey publicKey() {
        return publicKey;
    }

    public Signer signer() {
        SignatureAlgorithm algorithm = algorithm();
        return new Signer() {
            @Override
            public SignatureAlgorithm algorithm() {
                return algorithm;
            }

            @Override
            public byte[] sign(byte[] data) throws GeneralSecurityException {
                return material.sign(data);
            }
        };
    }

    @Override
    public String toString() {
        return "SigningKeyPair[" + algorithm() + ", private key redacted]";
    }
}
