package io.cleave.transparency;

import io.cleave.transparency.internal.RootAccumulator;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Verifies a whole exported log offline: recomputes the RFC 9162 tree over the records' leaf
 * bytes and checks it against a checkpoint signed by the log key. Editing, deleting,
 * reordering or inserting any record changes the root (or the count) and fails verification.
 * Streams the records in O(log n) memory. Pure functions, thread-safe.
 *
 * <p>{@code ./cleave audit verify} is meant to be a thin wrapper: read the records and the
 * checkpoint, call one method, print the returned checkpoint or the exception's fields.
 */
public final class LogVerifier {

  private LogVerifier() {}

  /**
   * Returns the verified checkpoint if {@code leaves}, in order, are exactly the leaves it
   * commits to.
   *
   * @throws CheckpointException if the checkpoint is not validly signed by {@code key}
   * @throws LogMismatchException if the records do not match the checkpoint
   */
  public static Checkpoint verify(List<byte[]> leaves, String signedCheckpoint, NoteVerifierKey key)
      throws GeneralSecurityException {
    return check(leaves, CheckpointVerifier.verify(signedCheckpoint, key), false);
  }

  /**
   * As {@link #verify}, for records that carry their leaf index: record {@code i} must carry
   * index {@code i}, so the first deleted, inserted or moved record is named.
   */
  public static Checkpoint verifyIndexed(
      List<IndexedLeaf> records, String signedCheckpoint, NoteVerifierKey key)
      throws GeneralSecurityException {
    Checkpoint checkpoint = CheckpointVerifier.verify(signedCheckpoint, key);
    List<byte[]> leaves = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).index() != i) {
        throw new LogMismatchException("record at position " + i + " carries leaf index "
            + records.get(i).index() + ": records were deleted, inserted or reordered",
            OptionalLong.of(i), records.size(), rootOf(records));
      }
      leaves.add(records.get(i).leaf());
    }
    return check(leaves, checkpoint, true);
  }

  private static Checkpoint check(List<byte[]> leaves, Checkpoint checkpoint, boolean indexed)
      throws LogMismatchException {
    long size = checkpoint.size();
    long count = leaves.size();
    RootAccumulator accumulator = new RootAccumulator();
    byte[] committedRoot = null;
    for (byte[] leaf : leaves) {
      if (accumulator.size() == size) {
        committedRoot = accumulator.root();
      }
      accumulator.add(Rfc6962.leafHash(leaf));
    }
    byte[] root = accumulator.root();
    if (committedRoot == null) {
      committedRoot = root;
    }
    boolean prefixMatches = count >= size
        && MessageDigest.isEqual(committedRoot, checkpoint.rootHash());
    if (prefixMatches && count == size) {
      return checkpoint;
    }
    if (prefixMatches) {
      throw new LogMismatchException("records from index " + size
          + " on are not covered by the checkpoint of size " + size, OptionalLong.of(size),
          count, root);
    }
    if (count < size) {
      throw new LogMismatchException("the export has " + count
          + " records but the checkpoint commits to " + size,
          indexed ? OptionalLong.of(count) : OptionalLong.empty(), count, root);
    }
    throw new LogMismatchException("the root of the first " + size + " records does not match "
        + "the checkpoint root: a record was edited, inserted, deleted or reordered",
        OptionalLong.empty(), count, root);
  }

  private static byte[] rootOf(List<IndexedLeaf> records) {
    RootAccumulator accumulator = new RootAccumulator();
    records.forEach(r -> accumulator.add(Rfc6962.leafHash(r.leaf())));
    return accumulator.root();
  }
}
