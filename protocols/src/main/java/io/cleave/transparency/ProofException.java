package io.cleave.transparency;

import java.security.GeneralSecurityException;

/** A Merkle inclusion or consistency proof did not verify; the message says which check failed. */
public final class ProofException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  public ProofException(String message) {
    super(message);
  }
}
