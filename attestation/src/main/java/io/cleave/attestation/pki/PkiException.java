package io.cleave.attestation.pki;

import java.security.GeneralSecurityException;

/**
 * A certificate, CSR or CRL was refused: expired, revoked, from another CA, outside its name
 * constraints, tampered with or malformed. The message names the reason and the subject.
 */
public final class PkiException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
