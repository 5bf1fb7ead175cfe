package io.cleave.crypto;

import java.security.GeneralSecurityException;

/** Checks signatures; returns normally only for a valid one. Implementations are thread-safe. */
public interface Verifier {
    SignatureAlgorithm algorithm();

    /** Throws {@link GeneralSecurityException} "signature verification failed" when invalid. */
    void verify(byte[] signature, byte[] data) throws GeneralSecurityException;
}
