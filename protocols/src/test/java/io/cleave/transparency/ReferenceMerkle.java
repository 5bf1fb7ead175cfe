package io.cleave.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 §2.1 definitions (MTH, PATH, SUBPROOF) written as literally as possible over a
 * list of leaf hashes: slow (O(n) per hash) but obviously right, to check {@link MerkleTree}.
 */
final class ReferenceMerkle {

  private ReferenceMerkle() {}

  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return Rfc6962.emptyRoot();
    }
    if (n == 1) {
      return d.get(0);
    }
    int k = largestPowerOfTwoBelow(n);
    return Rfc6962.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> result = new ArrayList<>();
    if (n == 1) {
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      result.addAll(path(m, d.subList(0, k)));
      result.add(mth(d.subList(k, n)));
    } else {
      result.addAll(path(m - k, d.subList(k, n)));
      result.add(mth(d.subList(0, k)));
    }
    return result;
  }

  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> result = new ArrayList<>();
    if (m == n) {
      if (!b) {
        result.add(mth(d));
      }
      return result;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      result.addAll(subproof(m, d.subList(0, k), b));
      result.add(mth(d.subList(k, n)));
    } else {
      result.addAll(subproof(m - k, d.subList(k, n), false));
      result.add(mth(d.subList(0, k)));
    }
    return result;
  }

  private static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
