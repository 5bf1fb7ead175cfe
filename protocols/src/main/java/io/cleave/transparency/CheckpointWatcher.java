package io.cleave.transparency;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a provider runs against the broker's audit log: it keeps the last checkpoint it verified
 * and accepts a new one only if it is signed by the log key and provably extends the old one
 * (RFC 9162 §2.1.4 consistency proof). A refusal raises an alarm: an ERROR in the log, a count in
 * {@link #alarms()}, and a {@link LogForkException} for the caller.
 *
 * <p>The first checkpoint, and any after an empty one, is accepted on its signature alone (a
 * proof from the empty tree proves nothing). Thread-safe.
 */
public final class CheckpointWatcher {

  /** Fetches a consistency proof from the log, e.g. {@code GET /api/log/proof/consistency}. */
  @FunctionalInterface
  public interface ProofSource {
    /** RFC 9162 consistency proof between the trees of {@code fromSize} and {@code toSize} leaves. */
    List<byte[]> consistencyProof(long fromSize, long toSize) throws java.io.IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWatcher.class);
  private final NoteVerifierKey key;
  private final ProofSource proofs;
  private Checkpoint last;
  private long alarms;

  public CheckpointWatcher(NoteVerifierKey key, ProofSource proofs) {
    this.key = Objects.requireNonNull(key, "key");
    this.proofs = Objects.requireNonNull(proofs, "proofs");
  }

  /**
   * Verifies {@code signedCheckpoint} and, if it extends the last one, makes it the last one.
   *
   * @return the verified checkpoint
   * @throws CheckpointException if the note is not a checkpoint validly signed by the log key
   * @throws LogForkException if it does not extend the last checkpoint (an alarm is raised)
   * @throws java.io.IOException if the proof could not be fetched; nothing changes
   */
  public synchronized Checkpoint observe(String signedCheckpoint)
      throws GeneralSecurityException, java.io.IOException {
    Checkpoint next = CheckpointVerifier.verify(signedCheckpoint, key);
    if (last != null && last.size() > 0) {
      requireExtends(last, next);
    }
    last = next;
    return next;
  }

  private void requireExtends(Checkpoint old, Checkpoint next)
      throws LogForkException, java.io.IOException {
    if (next.size() < old.size()) {
      throw alarm("the log shrank from " + old.size() + " to " + next.size() + " leaves", null);
    }
    List<byte[]> proof = next.size() == old.size() ? List.of()
        : proofs.consistencyProof(old.size(), next.size());
    try {
      ProofVerifier.verifyConsistency(old.size(), next.size(), old.rootHash(), next.rootHash(),
          proof);
    } catch (ProofException e) {
      throw alarm("checkpoint of size " + next.size() + " does not extend the checkpoint of size "
          + old.size() + " seen before: " + e.getMessage(), e);
    }
  }

  private LogForkException alarm(String message, Throwable cause) {
    alarms++;
    LOG.error("AUDIT LOG FORK OR REWRITE by {}: {}", key.name(), message);
    return new LogForkException(message, cause);
  }

  /** The last checkpoint verified, if any. */
  public synchronized Optional<Checkpoint> last() {
    return Optional.ofNullable(last);
  }

  /** Number of alarms raised so far (a metric for the provider). */
  public synchronized long alarms() {
    return alarms;
  }
}
