package io.cleave.attestation.software;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Software evidence signed with a provider's certified ECDSA P-256 key (the key of its federation
 * certificate), so that a verifier resolves the evidence key from the validated certificate
 * instead of trusting a key the evidence brings along.
 */
public final class CertifiedProviderKeys {
    private CertifiedProviderKeys() {
    }

    /** The provider's certified key as an evidence signing handle; the private key stays inside. */
    public static EvidenceSigningKey signingKey(String keyId, SigningKeyPair certifiedKey) {
        Objects.requireNonNull(keyId, "keyId");
        requireP256(certifiedKey.algorithm());
        var signer = certifiedKey.signer();
        return new EvidenceSigningKey() {
            @Override
            public String keyId() {
                return keyId;
            }

            @Override
            public byte[] sign(byte[] message) throws GeneralSecurityException {
                return signer.sign(message);
            }
        };
    }

    /** The public key of a validated provider certificate as an evidence verification key. */
    public static EvidenceVerificationKey verificationKey(String keyId, SignaturePublicKey certifiedKey) {
        Objects.requireNonNull(keyId, "keyId");
        requireP256(certifiedKey.algorithm());
        var verifier = certifiedKey.verifier();
        return new EvidenceVerificationKey() {
            @Override
            public String keyId() {
                return keyId;
            }

            @Override
            public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
                verifier.verify(signature, message);
            }
        };
    }

    private static void requireP256(SignatureAlgorithm algorithm) {
        if (algorithm != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new IllegalArgumentException("provider keys are ECDSA P-256, not " + algorithm);
        }
    }
}
