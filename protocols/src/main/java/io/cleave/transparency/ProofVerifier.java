package io.cleave.transparency;

import io.cleave.transparency.internal.ProofShape;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Pure functions,
 * thread-safe. Every hash must be 32 bytes; every failure throws {@link ProofException} with a
 * message naming the check, and never returns a boolean.
 */
public final class ProofVerifier {

  private ProofVerifier() {}

  /**
   * Checks that the leaf with hash {@code leafHash} is at {@code index} in the tree of
   * {@code size} leaves whose root is {@code root}.
   */
  public static void verifyInclusion(
      byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root)
      throws ProofException {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(proof, "proof");
    if (index < 0 || index >= size) {
      throw new ProofException("leaf index " + index + " is out of range for tree size " + size);
    }
    requireHash("leaf hash", leafHash);
    requireHash("root hash", root);
    requireProofShape("inclusion proof of leaf " + index + " in tree size " + size,
        ProofShape.inclusionLength(index, size), proof);
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    requireMatch(r, root, "computed root does not match the root hash at tree size " + size);
  }

  /**
   * Checks that the tree of {@code newSize} leaves with root {@code newRoot} extends the tree of
   * {@code oldSize} leaves with root {@code oldRoot}.
   *
   * <p>A proof from the empty tree proves nothing and is refused: a client whose last
   * checkpoint is empty accepts the next one on its signature alone. For equal sizes the proof
   * must be empty and the roots equal; no hash is computed, so, as in the reference verifier,
   * their length is not checked.
   */
  public static void verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof)
      throws ProofException {
    Objects.requireNonNull(oldRoot, "oldRoot");
    Objects.requireNonNull(newRoot, "newRoot");
    Objects.requireNonNull(proof, "proof");
    checkSizes(oldSize, newSize);
    if (oldSize == newSize) {
      if (!proof.isEmpty()) {
        throw new ProofException("consistency proof between equal tree sizes must be empty, got "
            + proof.size() + " hashes");
      }
      requireMatch(oldRoot, newRoot, "roots differ at the same tree size " + oldSize);
      return;
    }
    requireHash("old root hash", oldRoot);
    requireHash("new root hash", newRoot);
    requireProofShape("consistency proof from tree size " + oldSize + " to " + newSize,
        ProofShape.consistencyLength(oldSize, newSize), proof);
    chainConsistency(oldSize, newSize, oldRoot, newRoot, proof);
  }

  private static void chainConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof)
      throws ProofException {
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(oldSize) == 1) {
      path.add(oldRoot);
    }
    path.addAll(proof);
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    requireMatch(fr, oldRoot, "computed root does not match the old root hash at tree size "
        + oldSize);
    requireMatch(sr, newRoot, "computed root does not match the new root hash at tree size "
        + newSize);
  }

  private static void checkSizes(long oldSize, long newSize) throws ProofException {
    if (oldSize < 0 || newSize < 0) {
      throw new ProofException(
          "tree sizes must not be negative, got " + oldSize + " and " + newSize);
    }
    if (oldSize > newSize) {
      throw new ProofException(
          "old tree size " + oldSize + " is greater than new tree size " + newSize);
    }
    if (oldSize == 0) {
      throw new ProofException("a consistency proof from the empty tree proves nothing");
    }
  }

  private static void requireProofShape(String what, int expected, List<byte[]> proof)
      throws ProofException {
    if (proof.size() != expected) {
      throw new ProofException(
          what + " must have " + expected + " hashes, got " + proof.size());
    }
    for (int i = 0; i < proof.size(); i++) {
      requireHash("proof hash " + i, proof.get(i));
    }
  }

  private static void requireHash(String what, byte[] hash) throws ProofException {
    if (hash.length != Rfc6962.HASH_SIZE) {
      throw new ProofException(
          what + " must be " + Rfc6962.HASH_SIZE + " bytes, got " + hash.length);
    }
  }

  private static void requireMatch(byte[] computed, byte[] expected, String message)
      throws ProofException {
    if (!MessageDigest.isEqual(computed, expected)) {
      throw new ProofException(message);
    }
  }
}
