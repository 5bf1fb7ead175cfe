package io.cleave.transparency;

import java.security.GeneralSecurityException;

/**
 * A log presented a checkpoint that does not extend the last one a client verified: it shrank,
 * changed its root at the same size, or its consistency proof failed. Either the log's history
 * was rewritten or the log shows different histories to different clients (a fork).
 */
public final class LogForkException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  LogForkException(String message, Throwable cause) {
    super(message, cause);
  }
}
