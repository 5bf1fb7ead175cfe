package io.cleave.transparency;

import java.security.GeneralSecurityException;
import java.util.OptionalLong;

/**
 * The records of a log export do not match its signed checkpoint. Carries what an offline
 * verifier reports: the record count, the root recomputed over all records, and the index of
 * the first bad record when it can be told (records carry their leaf indices, or records run
 * past the checkpoint).
 */
public final class LogMismatchException extends GeneralSecurityException {

  private static final long serialVersionUID = 1L;

  private final transient OptionalLong firstBadRecord;
  private final long recordCount;
  private final byte[] computedRoot;

  LogMismatchException(
      String message, OptionalLong firstBadRecord, long recordCount, byte[] computedRoot) {
    super(message);
    this.firstBadRecord = firstBadRecord;
    this.recordCount = recordCount;
    this.computedRoot = computedRoot.clone();
  }

  /** Index of the first record that is missing, extra or out of place, when known. */
  public OptionalLong firstBadRecord() {
    return firstBadRecord;
  }

  /** Number of records that were checked. */
  public long recordCount() {
    return recordCount;
  }

  /** RFC 9162 root over all the records checked. */
  public byte[] computedRoot() {
    return computedRoot.clone();
  }
}
