package io.cleave.crypto;

import io.cleave.crypto.internal.SignatureKeys;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A signature verification key, encoded as an X.509 SubjectPublicKeyInfo (the form certificates
 * carry). Only ECDSA P-256 and Ed25519 keys are accepted.
 */
public final class SignaturePublicKey {
    private final SignatureAlgorithm algorithm;
    private final byte[] encoded;
    private final SignatureKeys.PublicMaterial material;

    private SignaturePublicKey(SignatureAlgorithm algorithm, byte[] encoded, SignatureKeys.PublicMaterial material) {
        this.algorithm = algorithm;
        this.encoded = encoded;
        this.material = material;
    }

    /** Parses a DER SubjectPublicKeyInfo; throws naming the problem when it is not a supported key. */
    public static SignaturePublicKey decode(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        byte[] copy = subjectPublicKeyInfo.clone();
        SignatureKeys.PublicMaterial material = SignatureKeys.decodePublic(copy);
        SignatureAlgorithm algorithm = material.ed25519() ? SignatureAlgorithm.ED25519 : SignatureAlgorithm.ECDSA_P256_SHA256;
        return new SignaturePublicKey(algorithm, copy, material);
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** DER SubjectPublicKeyInfo. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public Verifier verifier() {
        return new Verifier() {
            @Override
            public SignatureAlgorithm algorithm() {
                return algorithm;
            }

            @Override
            public void verify(byte[] signature, byte[] data) throws GeneralSecurityException {
                material.verify(signature, data);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignaturePublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "SignaturePublicKey[" + algorithm + "]";
    }
}
