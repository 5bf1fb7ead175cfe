package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.transparency.MerkleVectors.ConsistencyCase;
import io.cleave.transparency.MerkleVectors.InclusionCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  private static final int ALL_PAIRS_SIZE = 40;

  @Test
  void root_emptyTree_isSha256OfNothing() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HexFormat.of().formatHex(MerkleTree.inMemory().root()));
  }

  @Test
  void rootsAndProofs_everySizeIndexAndPair_equalRfcDefinitions() {
    MerkleTree tree = MerkleTree.inMemory();
    List<byte[]> leafHashes = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < ALL_PAIRS_SIZE; i++) {
      byte[] leaf = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
      assertEquals(i, tree.appendLeaf(leaf));
      leafHashes.add(Rfc6962.leafHash(leaf));
    }
    for (int size = 0; size <= ALL_PAIRS_SIZE; size++) {
      List<byte[]> d = leafHashes.subList(0, size);
      compare(failures, "root(" + size + ")", List.of(ReferenceMerkle.mth(d)),
          List.of(tree.root(size)));
      for (int i = 0; i < size; i++) {
        compare(failures, "inclusion(" + i + "," + size + ")", ReferenceMerkle.path(i, d),
            tree.inclusionProof(i, size));
      }
      for (int m = 1; m <= size; m++) {
        compare(failures, "consistency(" + m + "," + size + ")", ReferenceMerkle.proof(m, d),
            tree.consistencyProof(m, size));
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void proofs_overVectorLeaves_equalEveryHappyPathVector() throws IOException {
    MerkleTree tree = MerkleTree.inMemory();
    List<byte[]> leaves = vectorLeaves();
    leaves.forEach(tree::appendLeaf);
    List<String> failures = new ArrayList<>();
    int happy = 0;
    for (InclusionCase c : MerkleVectors.inclusion()) {
      if (!c.wantErr() && c.id().matches("inclusion/\\d/.*")) {
        happy++;
        compare(failures, c.id(), c.proof(), tree.inclusionProof(c.leafIndex(), c.treeSize()));
        compare(failures, c.id() + " root", List.of(c.root()), List.of(tree.root(c.treeSize())));
        compare(failures, c.id() + " leaf", List.of(c.leafHash()),
            List.of(Rfc6962.leafHash(leaves.get((int) c.leafIndex()))));
      }
    }
    for (ConsistencyCase c : MerkleVectors.consistency()) {
      if (!c.wantErr() && c.id().matches("consistency/\\d/.*")) {
        happy++;
        compare(failures, c.id(), c.proof(), tree.consistencyProof(c.size1(), c.size2()));
        compare(failures, c.id() + " roots", List.of(c.root1(), c.root2()),
            List.of(tree.root(c.size1()), tree.root(c.size2())));
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(10, happy, "happy-path vectors over the eight leaves");
  }

  @Test
  void over_existingStore_rebuildsSameRootsAndRefreshTakesInForeignAppends() {
    InMemoryLeafHashStore store = new InMemoryLeafHashStore();
    MerkleTree writer = MerkleTree.over(store);
    for (int i = 0; i < 1000; i++) {
      writer.appendLeaf(new byte[] {(byte) i, (byte) (i >> 8)});
    }
    MerkleTree reader = MerkleTree.over(store);
    assertArrayEquals(writer.root(), reader.root());
    assertArrayEquals(writer.root(333), reader.root(333));

    writer.appendLeaf(new byte[] {1});
    assertEquals(1000, reader.size());
    assertEquals(1001, reader.refresh());
    assertArrayEquals(writer.root(), reader.root());
    assertEquals(writer.inclusionProof(1000, 1001).size(),
        reader.inclusionProof(1000, 1001).size());
  }

  @Test
  void refresh_storeShrank_throwsIllegalState() {
    List<byte[]> hashes = new ArrayList<>();
    LeafHashStore shrinking = new LeafHashStore() {
      @Override public long size() {
        return hashes.size();
      }

      @Override public byte[] get(long index) {
        return hashes.get((int) index).clone();
      }

      @Override public void append(byte[] leafHash) {
        hashes.add(leafHash.clone());
      }
    };
    MerkleTree tree = MerkleTree.over(shrinking);
    tree.appendLeaf(new byte[] {1});
    tree.appendLeaf(new byte[] {2});
    hashes.remove(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, tree::refresh);
    assertEquals("leaf hash store shrank from 2 to 1 leaves; it must be append-only",
        e.getMessage());
  }

  @Test
  void requests_outOfRange_throwWithRange() {
    MerkleTree tree = MerkleTree.inMemory();
    tree.appendLeaf(new byte[0]);
    tree.appendLeaf(new byte[1]);
    assertMessage("tree size 3 is out of range [0, 2]", () -> tree.root(3));
    assertMessage("leaf index 2 is out of range [0, 1]", () -> tree.inclusionProof(2, 2));
    assertMessage("tree size 0 is out of range [1, 2]", () -> tree.inclusionProof(0, 0));
    assertMessage("old tree size 0 is out of range [1, 2]", () -> tree.consistencyProof(0, 2));
    assertMessage("old tree size 2 is out of range [1, 1]", () -> tree.consistencyProof(2, 1));
    assertMessage("leaf hash must be 32 bytes, got 31", () -> tree.appendLeafHash(new byte[31]));
    assertEquals(2, tree.size());
  }

  private static void assertMessage(String expected, Runnable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run).getMessage());
  }

  static List<byte[]> vectorLeaves() throws IOException {
    List<byte[]> leaves = new ArrayList<>();
    for (String line : Files.readAllLines(MerkleVectors.resourceDir(
        "/vectors/transparency-dev-merkle/leaves.hex"), StandardCharsets.UTF_8)) {
      if (line.startsWith("leaf:")) {
        leaves.add(HexFormat.of().parseHex(line.substring("leaf:".length())));
      }
    }
    return leaves;
  }

  private static void compare(
      List<String> failures, String id, List<byte[]> expected, List<byte[]> actual) {
    HexFormat hex = HexFormat.of();
    List<String> want = expected.stream().map(hex::formatHex).toList();
    List<String> got = actual.stream().map(hex::formatHex).toList();
    if (!want.equals(got)) {
      failures.add(id + ": want " + want + ", got " + got);
    }
  }
}
