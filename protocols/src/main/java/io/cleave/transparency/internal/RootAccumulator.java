package io.cleave.transparency.internal;

import io.cleave.transparency.Rfc6962;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the root of a tree streamed leaf by leaf in O(log n) memory: it keeps only the
 * roots of the perfect subtrees on the right border (a "compact range"), merging equal-sized
 * neighbours as leaves arrive.
 */
public final class RootAccumulator {

  private final List<byte[]> border = new ArrayList<>();
  private long size;

  /** Adds the next leaf hash. */
  public void add(byte[] leafHash) {
    byte[] carry = leafHash;
    for (long n = size; (n & 1) == 1; n >>>= 1) {
      carry = Rfc6962.nodeHash(border.remove(border.size() - 1), carry);
    }
    border.add(carry);
    size++;
  }

  /** Number of leaves added. */
  public long size() {
    return size;
  }

  /** Root hash of the leaves added so far (RFC 9162 MTH); the empty-tree hash when none. */
  public byte[] root() {
    if (border.isEmpty()) {
      return Rfc6962.emptyRoot();
    }
    byte[] root = border.get(border.size() - 1);
    for (int i = border.size() - 2; i >= 0; i--) {
      root = Rfc6962.nodeHash(border.get(i), root);
    }
    return root;
  }
}
