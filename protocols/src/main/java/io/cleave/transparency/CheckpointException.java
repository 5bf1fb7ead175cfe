package io.cleave.transparency;

import java.security.GeneralSecurityException;

/**
 * A signed checkpoint, a note key, or a note was refused. {@link #reason()} classifies the
 * failure for callers that map it (CLI exit codes, metrics); the message says exactly what was
 * wrong and never contains key material.
 */
public final class CheckpointException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  /** Why a checkpoint or key was refused. */
  public enum Reason {
    /** The text is not a C2SP signed note (syntax, encoding, control characters). */
    MALFORMED_NOTE,
    /** The note carries no signature by the expected key (name and key ID). */
    UNKNOWN_KEY,
    /** A signature by the expected key does not verify over the note text. */
    BAD_SIGNATURE,
    /** The signed text is not a C2SP tlog-checkpoint body. */
    MALFORMED_CHECKPOINT,
    /** The checkpoint's origin line is not the name of the log key that signed it. */
    WRONG_ORIGIN,
    /** A verifier or signing key string is malformed or inconsistent. */
    MALFORMED_KEY
  }

  private final Reason reason;

  public CheckpointException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
