package io.cleave.attestation.software;

import java.security.GeneralSecurityException;

/**
 * A provider's signing key for software evidence, as an opaque handle: it signs, it never reveals
 * its private part. The caller provides it — {@link EcdsaP256EvidenceKeys} for development, a
 * certified provider key from the federation PKI later. Implementations are thread-safe.
 */
public interface EvidenceSigningKey {
    /** Names the key so that a verifier can find its {@link EvidenceVerificationKey}; 1..255 chars. */
    String keyId();

    /** Signs {@code message}; the signature format is the key type's own. */
    byte[] sign(byte[] message) throws GeneralSecurityException;
}
