package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * For random tree sizes every generated proof verifies, and flipping any one bit of the proof,
 * the root or the leaf hash makes verification fail. jqwik prints the seed of every run.
 */
class MerkleProofPropertyTest {

  private static final int MAX_SIZE = 3000;
  private static final int HASH_BITS = Rfc6962.HASH_SIZE * 8;

  @Property(tries = 300)
  void inclusionProof_verifiesAndAnyBitFlipFails(
      @ForAll @IntRange(min = 1, max = MAX_SIZE) int size,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long pick,
      @ForAll @IntRange(min = 0, max = HASH_BITS - 1) int bit) throws ProofException {
    MerkleTree tree = tree(size);
    long index = pick % size;
    byte[] leafHash = Rfc6962.leafHash(leaf(index));
    List<byte[]> proof = tree.inclusionProof(index, size);
    byte[] root = tree.root(size);
    ProofVerifier.verifyInclusion(leafHash, index, size, proof, root);

    assertThrows(ProofException.class, () ->
        ProofVerifier.verifyInclusion(flip(leafHash, bit), index, size, proof, root));
    assertThrows(ProofException.class, () ->
        ProofVerifier.verifyInclusion(leafHash, index, size, proof, flip(root, bit)));
    if (!proof.isEmpty()) {
      int element = (int) (pick % proof.size());
      assertThrows(ProofException.class, () -> ProofVerifier.verifyInclusion(
          leafHash, index, size, flip(proof, element, bit), root));
    }
  }

  @Property(tries = 300)
  void consistencyProof_verifiesAndAnyBitFlipFails(
      @ForAll @IntRange(min = 2, max = MAX_SIZE) int newSize,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long pick,
      @ForAll @IntRange(min = 0, max = HASH_BITS - 1) int bit) throws ProofException {
    MerkleTree tree = tree(newSize);
    long oldSize = 1 + pick % (newSize - 1);
    List<byte[]> proof = tree.consistencyProof(oldSize, newSize);
    byte[] oldRoot = tree.root(oldSize);
    byte[] newRoot = tree.root(newSize);
    ProofVerifier.verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);

    assertThrows(ProofException.class, () -> ProofVerifier.verifyConsistency(
        oldSize, newSize, flip(oldRoot, bit), newRoot, proof));
    assertThrows(ProofException.class, () -> ProofVerifier.verifyConsistency(
        oldSize, newSize, oldRoot, flip(newRoot, bit), proof));
    int element = (int) (pick % proof.size());
    assertThrows(ProofException.class, () -> ProofVerifier.verifyConsistency(
        oldSize, newSize, oldRoot, newRoot, flip(proof, element, bit)));
  }

  private static MerkleTree tree(int size) {
    MerkleTree tree = MerkleTree.inMemory();
    for (long i = 0; i < size; i++) {
      tree.appendLeaf(leaf(i));
    }
    return tree;
  }

  private static byte[] leaf(long index) {
    return ByteBuffer.allocate(Long.BYTES).putLong(index).array();
  }

  private static byte[] flip(byte[] hash, int bit) {
    byte[] copy = hash.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static List<byte[]> flip(List<byte[]> proof, int element, int bit) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.set(element, flip(proof.get(element), bit));
    return copy;
  }
}
