package io.cleave.crypto;

import java.security.GeneralSecurityException;

/** Produces signatures with a private key it never exposes. Implementations are thread-safe. */
public interface Signer {
    SignatureAlgorithm algorithm();

    byte[] sign(byte[] data) throws GeneralSecurityException;
}
