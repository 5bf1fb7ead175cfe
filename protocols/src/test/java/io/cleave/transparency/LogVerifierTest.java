package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogVerifierTest {

  private static final String ORIGIN = "cleave.example/audit";
  private static final int RECORDS = 7;

  private final NoteSigningKey key = NoteSigningKey.generate(ORIGIN);
  private final List<byte[]> records = IntStream.range(0, RECORDS)
      .mapToObj(i -> ("{\"seq\":" + i + ",\"action\":\"job.submit\"}")
          .getBytes(StandardCharsets.UTF_8))
      .toList();
  private final String checkpoint = signedCheckpointOver(records);

  @Test
  void verify_untouchedExport_returnsCheckpointWithTreeRoot() throws GeneralSecurityException {
    Checkpoint verified = LogVerifier.verify(records, checkpoint, key.verifierKey());
    assertEquals(RECORDS, verified.size());
    assertArrayEquals(treeOver(records).root(), verified.rootHash());
    assertEquals(verified, LogVerifier.verifyIndexed(indexed(records), checkpoint,
        key.verifierKey()));
  }

  @Test
  void verify_emptyLogAndEmptyCheckpoint_valid() throws GeneralSecurityException {
    assertEquals(0, LogVerifier.verify(List.of(), signedCheckpointOver(List.of()),
        key.verifierKey()).size());
  }

  @Test
  void verify_anyRecordEditedDeletedSwappedOrInserted_fails() {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      List<byte[]> edited = new ArrayList<>(records);
      byte[] changed = records.get(i).clone();
      changed[changed.length / 2] ^= 1;
      edited.set(i, changed);
      expectMismatch(accepted, "edit " + i, edited);

      List<byte[]> deleted = new ArrayList<>(records);
      deleted.remove(i);
      expectMismatch(accepted, "delete " + i, deleted);

      List<byte[]> swapped = new ArrayList<>(records);
      Collections.swap(swapped, i, (i + 1) % RECORDS);
      expectMismatch(accepted, "swap " + i, swapped);
    }
    for (int i = 0; i <= RECORDS; i++) {
      List<byte[]> inserted = new ArrayList<>(records);
      inserted.add(i, "{\"seq\":99}".getBytes(StandardCharsets.UTF_8));
      expectMismatch(accepted, "insert " + i, inserted);
    }
    assertEquals(List.of(), accepted);
  }

  @Test
  void verify_editedRecord_reportsRootMismatchWithComputedRoot() {
    List<byte[]> edited = new ArrayList<>(records);
    edited.set(2, "{\"seq\":2,\"action\":\"job.cancel\"}".getBytes(StandardCharsets.UTF_8));
    LogMismatchException e = assertThrows(LogMismatchException.class,
        () -> LogVerifier.verify(edited, checkpoint, key.verifierKey()));
    assertEquals("the root of the first 7 records does not match the checkpoint root: "
        + "a record was edited, inserted, deleted or reordered", e.getMessage());
    assertEquals(OptionalLong.empty(), e.firstBadRecord());
    assertEquals(RECORDS, e.recordCount());
    assertArrayEquals(treeOver(edited).root(), e.computedRoot());
  }

  @Test
  void verify_recordsBeyondCheckpointOrMissing_namesTheIndex() {
    List<byte[]> longer = new ArrayList<>(records);
    longer.add(new byte[] {1});
    LogMismatchException extra = assertThrows(LogMismatchException.class,
        () -> LogVerifier.verify(longer, checkpoint, key.verifierKey()));
    assertEquals("records from index 7 on are not covered by the checkpoint of size 7",
        extra.getMessage());
    assertEquals(OptionalLong.of(7), extra.firstBadRecord());

    LogMismatchException missing = assertThrows(LogMismatchException.class,
        () -> LogVerifier.verify(records.subList(0, 5), checkpoint, key.verifierKey()));
    assertEquals("the export has 5 records but the checkpoint commits to 7", missing.getMessage());
    assertEquals(OptionalLong.empty(), missing.firstBadRecord());
  }

  @Test
  void verifyIndexed_deletedOrMovedRecord_namesFirstBadPosition() {
    List<IndexedLeaf> deleted = new ArrayList<>(indexed(records));
    deleted.remove(3);
    LogMismatchException e = assertThrows(LogMismatchException.class,
        () -> LogVerifier.verifyIndexed(deleted, checkpoint, key.verifierKey()));
    assertEquals("record at position 3 carries leaf index 4: records were deleted, inserted "
        + "or reordered", e.getMessage());
    assertEquals(OptionalLong.of(3), e.firstBadRecord());

    List<IndexedLeaf> truncated = indexed(records).subList(0, 6);
    LogMismatchException tail = assertThrows(LogMismatchException.class,
        () -> LogVerifier.verifyIndexed(truncated, checkpoint, key.verifierKey()));
    assertEquals(OptionalLong.of(6), tail.firstBadRecord());
  }

  @Test
  void verify_checkpointOfAnotherKey_refusedAsUnknownKey() {
    NoteVerifierKey other = NoteSigningKey.generate(ORIGIN).verifierKey();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> LogVerifier.verify(records, checkpoint, other));
    assertEquals(CheckpointException.Reason.UNKNOWN_KEY, e.reason());
  }

  private void expectMismatch(List<String> accepted, String what, List<byte[]> leaves) {
    try {
      LogVerifier.verify(leaves, checkpoint, key.verifierKey());
      accepted.add(what);
    } catch (LogMismatchException expected) {
      // refused, as it must be
    } catch (GeneralSecurityException e) {
      accepted.add(what + " failed for the wrong reason: " + e.getMessage());
    }
  }

  private String signedCheckpointOver(List<byte[]> leaves) {
    MerkleTree tree = treeOver(leaves);
    return new CheckpointSigner(key).sign(new Checkpoint(ORIGIN, tree.size(), tree.root()));
  }

  private static MerkleTree treeOver(List<byte[]> leaves) {
    MerkleTree tree = MerkleTree.inMemory();
    leaves.forEach(tree::appendLeaf);
    return tree;
  }

  private static List<IndexedLeaf> indexed(List<byte[]> leaves) {
    return IntStream.range(0, leaves.size())
        .mapToObj(i -> new IndexedLeaf(i, leaves.get(i))).toList();
  }
}
