package io.cleave.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each refusal of {@link ProofVerifier} names the check that failed. */
class ProofVerifierTest {

  private final MerkleTree tree = tree(8);
  private final byte[] leaf3 = Rfc6962.leafHash(new byte[] {3});
  private final List<byte[]> proof3 = tree.inclusionProof(3, 8);
  private final List<byte[]> proof3to8 = tree.consistencyProof(3, 8);

  @Test
  void verifyInclusion_badInputs_preciseMessages() {
    byte[] root = tree.root(8);
    assertRefused("leaf index 8 is out of range for tree size 8",
        () -> ProofVerifier.verifyInclusion(leaf3, 8, 8, proof3, root));
    assertRefused("leaf index -1 is out of range for tree size 8",
        () -> ProofVerifier.verifyInclusion(leaf3, -1, 8, proof3, root));
    assertRefused("leaf hash must be 32 bytes, got 0",
        () -> ProofVerifier.verifyInclusion(new byte[0], 3, 8, proof3, root));
    assertRefused("root hash must be 32 bytes, got 31",
        () -> ProofVerifier.verifyInclusion(leaf3, 3, 8, proof3, new byte[31]));
    assertRefused("inclusion proof of leaf 3 in tree size 8 must have 3 hashes, got 2",
        () -> ProofVerifier.verifyInclusion(leaf3, 3, 8, proof3.subList(0, 2), root));
    List<byte[]> shortHash = new ArrayList<>(proof3);
    shortHash.set(1, new byte[33]);
    assertRefused("proof hash 1 must be 32 bytes, got 33",
        () -> ProofVerifier.verifyInclusion(leaf3, 3, 8, shortHash, root));
    assertRefused("computed root does not match the root hash at tree size 8",
        () -> ProofVerifier.verifyInclusion(leaf3, 3, 8, proof3, tree.root(7)));
  }

  @Test
  void verifyConsistency_badInputs_preciseMessages() {
    byte[] oldRoot = tree.root(3);
    byte[] newRoot = tree.root(8);
    assertRefused("tree sizes must not be negative, got -1 and 8",
        () -> ProofVerifier.verifyConsistency(-1, 8, oldRoot, newRoot, proof3to8));
    assertRefused("old tree size 8 is greater than new tree size 3",
        () -> ProofVerifier.verifyConsistency(8, 3, oldRoot, newRoot, proof3to8));
    assertRefused("a consistency proof from the empty tree proves nothing",
        () -> ProofVerifier.verifyConsistency(0, 8, Rfc6962.emptyRoot(), newRoot, List.of()));
    assertRefused("consistency proof between equal tree sizes must be empty, got 4 hashes",
        () -> ProofVerifier.verifyConsistency(8, 8, newRoot, newRoot, proof3to8));
    assertRefused("roots differ at the same tree size 8",
        () -> ProofVerifier.verifyConsistency(8, 8, oldRoot, newRoot, List.of()));
    assertRefused("old root hash must be 32 bytes, got 9",
        () -> ProofVerifier.verifyConsistency(3, 8, new byte[9], newRoot, proof3to8));
    assertRefused("consistency proof from tree size 3 to 8 must have 4 hashes, got 3",
        () -> ProofVerifier.verifyConsistency(3, 8, oldRoot, newRoot, proof3to8.subList(1, 4)));
    assertRefused("computed root does not match the old root hash at tree size 3",
        () -> ProofVerifier.verifyConsistency(3, 8, tree.root(2), newRoot, proof3to8));
    assertRefused("computed root does not match the new root hash at tree size 8",
        () -> ProofVerifier.verifyConsistency(3, 8, oldRoot, tree.root(7), proof3to8));
  }

  @Test
  void verify_validProofs_pass() throws ProofException {
    ProofVerifier.verifyInclusion(leaf3, 3, 8, proof3, tree.root(8));
    ProofVerifier.verifyConsistency(3, 8, tree.root(3), tree.root(8), proof3to8);
    ProofVerifier.verifyConsistency(8, 8, tree.root(8), tree.root(8), List.of());
  }

  private static void assertRefused(String message, Executable call) {
    assertEquals(message, assertThrows(ProofException.class, call).getMessage());
  }

  private static MerkleTree tree(int size) {
    MerkleTree tree = MerkleTree.inMemory();
    for (int i = 0; i < size; i++) {
      tree.appendLeaf(new byte[] {(byte) i});
    }
    return tree;
  }
}
