package io.cleave.transparency;

import java.util.Arrays;

/**
 * A log record as exported with the leaf index the log gave it, so that a verifier can tell
 * which record was deleted, inserted or moved.
 *
 * @param index the record's leaf index, at least 0
 * @param leaf the exact bytes the log hashed as the leaf (copied in and out)
 */
public record IndexedLeaf(long index, byte[] leaf) {

  public IndexedLeaf {
    if (index < 0) {
      throw new IllegalArgumentException("leaf index must be at least 0, got " + index);
    }
    leaf = leaf.clone();
  }

  @Override
  public byte[] leaf() {
    return leaf.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexedLeaf other && index == other.index
        && Arrays.equals(leaf, other.leaf);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(leaf);
  }

  @Override
  public String toString() {
    return "IndexedLeaf[index=" + index + ", " + leaf.length + " bytes]";
  }
}
