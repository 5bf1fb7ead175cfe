package io.cleave.attestation.software;

import java.security.GeneralSecurityException;

/** The public half of an {@link EvidenceSigningKey}. Implementations are thread-safe. */
public interface EvidenceVerificationKey {
    String keyId();

    /** Returns normally only when {@code signature} is this key's signature over {@code message}. */
    void verify(byte[] message, byte[] signature) throws GeneralSecurityException;
}
