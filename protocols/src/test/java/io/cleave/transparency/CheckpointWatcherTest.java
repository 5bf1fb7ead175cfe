package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckpointWatcherTest {

  private static final String ORIGIN = "cleave.broker/test";
  private final NoteSigningKey key = NoteSigningKey.generate(ORIGIN);
  private final CheckpointSigner signer = new CheckpointSigner(key);
  private final MerkleTree honest = MerkleTree.inMemory();
  private MerkleTree served = honest;
  private final CheckpointWatcher watcher =
      new CheckpointWatcher(key.verifierKey(), (from, to) -> served.consistencyProof(from, to));

  @Test
  void observe_growingLog_acceptsEachCheckpoint() throws Exception {
    for (int size : new int[] {0, 1, 3, 3, 8, 13}) {
      grow(honest, size, "r");
      assertEquals(size, watcher.observe(checkpoint(honest)).size());
    }
    assertEquals(0, watcher.alarms());
    assertEquals(13, watcher.last().orElseThrow().size());
  }

  @Test
  void observe_rewrittenRecordAtSameSize_raisesAlarm() throws Exception {
    grow(honest, 6, "r");
    watcher.observe(checkpoint(honest));
    MerkleTree rewritten = rewrittenAt(3, 6);
    LogForkException e = assertThrows(LogForkException.class,
        () -> watcher.observe(checkpoint(rewritten)));
    assertEquals("checkpoint of size 6 does not extend the checkpoint of size 6 seen before: "
        + "roots differ at the same tree size 6", e.getMessage());
    assertEquals(1, watcher.alarms());
    assertEquals(6, watcher.last().orElseThrow().size());
  }

  @Test
  void observe_forkThatGrew_raisesAlarm() throws Exception {
    grow(honest, 5, "r");
    watcher.observe(checkpoint(honest));
    served = rewrittenAt(2, 9);
    LogForkException e = assertThrows(LogForkException.class,
        () -> watcher.observe(checkpoint(served)));
    assertEquals("checkpoint of size 9 does not extend the checkpoint of size 5 seen before: "
        + "computed root does not match the old root hash at tree size 5", e.getMessage());
    assertEquals(1, watcher.alarms());
  }

  @Test
  void observe_shrunkLog_raisesAlarm() throws Exception {
    grow(honest, 4, "r");
    String four = checkpoint(honest);
    grow(honest, 7, "r");
    watcher.observe(checkpoint(honest));
    LogForkException e = assertThrows(LogForkException.class, () -> watcher.observe(four));
    assertEquals("the log shrank from 7 to 4 leaves", e.getMessage());
  }

  @Test
  void observe_proofOfWrongLength_raisesAlarm() throws Exception {
    grow(honest, 9, "r");
    CheckpointWatcher truncating = new CheckpointWatcher(key.verifierKey(),
        (from, to) -> honest.consistencyProof(from, to).subList(1, 2));
    truncating.observe(checkpoint(MerkleTree.over(prefix(5))));
    LogForkException e = assertThrows(LogForkException.class,
        () -> truncating.observe(checkpoint(honest)));
    assertEquals("checkpoint of size 9 does not extend the checkpoint of size 5 seen before: "
        + "consistency proof from tree size 5 to 9 must have 5 hashes, got 1", e.getMessage());
  }

  @Test
  void observe_checkpointByAnotherKey_refusedWithoutAlarm() throws Exception {
    grow(honest, 2, "r");
    watcher.observe(checkpoint(honest));
    NoteSigningKey other = NoteSigningKey.generate(ORIGIN);
    String forged = new CheckpointSigner(other).sign(new Checkpoint(ORIGIN, 1, honest.root(1)));
    CheckpointException e = assertThrows(CheckpointException.class, () -> watcher.observe(forged));
    assertEquals(CheckpointException.Reason.UNKNOWN_KEY, e.reason());
    assertEquals(0, watcher.alarms());
    assertEquals(2, watcher.last().orElseThrow().size());
  }

  private InMemoryLeafHashStore prefix(int size) {
    InMemoryLeafHashStore store = new InMemoryLeafHashStore();
    for (int i = 0; i < size; i++) {
      store.append(Rfc6962.leafHash(leaf("r", i)));
    }
    return store;
  }

  private MerkleTree rewrittenAt(int index, int size) {
    MerkleTree tree = MerkleTree.inMemory();
    for (int i = 0; i < size; i++) {
      tree.appendLeaf(leaf(i == index ? "edited" : "r", i));
    }
    return tree;
  }

  private static void grow(MerkleTree tree, int size, String prefix) {
    while (tree.size() < size) {
      tree.appendLeaf(leaf(prefix, tree.size()));
    }
  }

  private static byte[] leaf(String prefix, long i) {
    return ("{\"index\":" + i + ",\"x\":\"" + prefix + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private String checkpoint(MerkleTree tree) {
    return signer.sign(new Checkpoint(ORIGIN, tree.size(), tree.root()));
  }
}
