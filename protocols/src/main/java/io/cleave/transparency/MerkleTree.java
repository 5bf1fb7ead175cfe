package io.cleave.transparency;

import io.cleave.transparency.internal.HashArray;
import io.cleave.transparency.internal.ProofShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over the leaf hashes of a {@link LeafHashStore}.
 *
 * <p>The leaf hashes live in the store; every perfect interior subtree (level 1 and up) is kept
 * in memory, about 32 bytes per leaf. Appending is amortised O(1) hashes and O(log n) worst
 * case; {@link #root(long)} of any past size and both kinds of proof take O(log n) node reads
 * and hashes, plus at most a few leaf-hash reads from the store.
 *
 * <p>Thread-safe: every method holds this tree's monitor, so a proof always describes one
 * consistent tree state.
 */
public final class MerkleTree {

  private final LeafHashStore store;
  /** {@code levels.get(l - 1)} holds the hashes of the perfect subtrees of 2^l leaves. */
  private final List<HashArray> levels = new ArrayList<>();
  private long size;
  /** The leaf hash at {@code size - 1}, so an append pairs with it without a store read. */
  private byte[] lastLeaf;

  private MerkleTree(LeafHashStore store) {
    this.store = store;
  }

  /** Returns an empty tree over a fresh {@link InMemoryLeafHashStore}. */
  public static MerkleTree inMemory() {
    return over(new InMemoryLeafHashStore());
  }

  /** Returns a tree over {@code store}, rebuilding the interior nodes of what it holds (O(n)). */
  public static MerkleTree over(LeafHashStore store) {
    MerkleTree tree = new MerkleTree(store);
    tree.refresh();
    return tree;
  }

  /** Number of leaves in the tree. */
  public synchronized long size() {
    return size;
  }

  /** Hashes {@code leaf} as an RFC 9162 leaf and appends it; returns its leaf index. */
  public synchronized long appendLeaf(byte[] leaf) {
    return appendLeafHash(Rfc6962.leafHash(leaf));
  }

  /** Appends a 32-byte leaf hash to the store and the tree; returns its leaf index. */
  public synchronized long appendLeafHash(byte[] leafHash) {
    byte[] copy = Rfc6962.requireHash("leaf", leafHash).clone();
    long index = size;
    store.append(copy);
    extend(copy);
    return index;
  }

  /**
   * Takes in leaf hashes that were appended to the store by someone else (another broker
   * replica, a transaction that committed elsewhere) and returns the new size.
   *
   * @throws IllegalStateException if the store holds fewer leaves than this tree
   */
  public synchronized long refresh() {
    long stored = store.size();
    if (stored < size) {
      throw new IllegalStateException(
          "leaf hash store shrank from " + size + " to " + stored + " leaves; it must be append-only");
    }
    store.read(size, stored, this::extend);
    return size;
  }

  /** Root hash of the tree when it had {@code treeSize} leaves (the empty hash for 0). */
  public synchronized byte[] root(long treeSize) {
    checkRange("tree size", treeSize, 0, size);
    return subtreeHash(0, treeSize);
  }

  /** Root hash of the current tree. */
  public synchronized byte[] root() {
    return root(size);
  }

  /**
   * RFC 9162 §2.1.3.1 inclusion proof of leaf {@code index} in the tree of {@code treeSize}
   * leaves, ordered from the leaf's sibling upwards.
   */
  public synchronized List<byte[]> inclusionProof(long index, long treeSize) {
    checkRange("tree size", treeSize, 1, size);
    checkRange("leaf index", index, 0, treeSize - 1);
    List<byte[]> proof = new ArrayList<>(ProofShape.inclusionLength(index, treeSize));
    long start = 0;
    long end = treeSize;
    while (end - start > 1) {
      long k = ProofShape.splitPoint(end - start);
      if (index < start + k) {
        proof.add(subtreeHash(start + k, end));
        end = start + k;
      } else {
        proof.add(subtreeHash(start, start + k));
        start += k;
      }
    }
    Collections.reverse(proof);
    return Collections.unmodifiableList(proof);
  }

  /**
   * RFC 9162 §2.1.4.1 consistency proof between the trees of {@code oldSize} and {@code newSize}
   * leaves, ordered bottom-up; empty when the sizes are equal.
   */
  public synchronized List<byte[]> consistencyProof(long oldSize, long newSize) {
    checkRange("new tree size", newSize, 1, size);
    checkRange("old tree size", oldSize, 1, newSize);
    List<byte[]> proof = new ArrayList<>(ProofShape.consistencyLength(oldSize, newSize));
    long start = 0;
    long end = newSize;
    boolean oldRootKnown = true;
    while (oldSize != end) {
      long k = ProofShape.splitPoint(end - start);
      if (oldSize <= start + k) {
        proof.add(subtreeHash(start + k, end));
        end = start + k;
      } else {
        proof.add(subtreeHash(start, start + k));
        start += k;
        oldRootKnown = false;
      }
    }
    if (!oldRootKnown) {
      proof.add(subtreeHash(start, end));
    }
    Collections.reverse(proof);
    return Collections.unmodifiableList(proof);
  }

  private void extend(byte[] leafHash) {
    byte[] carry = leafHash;
    long index = size;
    for (int level = 0; (index & 1) == 1; level++, index >>>= 1) {
      byte[] left = level == 0 ? lastLeaf : levels.get(level - 1).get(index - 1);
      carry = Rfc6962.nodeHash(left, carry);
      if (levels.size() == level) {
        levels.add(new HashArray());
      }
      levels.get(level).append(carry);
    }
    lastLeaf = leafHash;
    size++;
  }

  /** MTH(D[start:end]) of RFC 9162 §2.1.1, from stored perfect subtrees where possible. */
  private byte[] subtreeHash(long start, long end) {
    long n = end - start;
    if (n == 0) {
      return Rfc6962.emptyRoot();
    }
    if (Long.bitCount(n) == 1 && (start & (n - 1)) == 0) {
      return node(Long.numberOfTrailingZeros(n), start / n);
    }
    long k = ProofShape.splitPoint(n);
    return Rfc6962.nodeHash(subtreeHash(start, start + k), subtreeHash(start + k, end));
  }

  private byte[] node(int level, long index) {
    if (level > 0) {
      return levels.get(level - 1).get(index);
    }
    return index == size - 1 ? lastLeaf.clone() : store.get(index);
  }

  private static void checkRange(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          what + " " + value + " is out of range [" + min + ", " + max + "]");
    }
  }
}
