package io.cleave.transparency.internal;

/**
 * The number of hashes in RFC 9162 proofs, found by walking the same recursion as the
 * generators (§2.1.3.1 PATH, §2.1.4.1 SUBPROOF) on sizes alone. The verifiers check the length
 * first so that a proof with a missing or extra hash is refused with a precise message.
 */
public final class ProofShape {

  private ProofShape() {}

  /** Largest power of two strictly below {@code n}; requires {@code n >= 2}. */
  public static long splitPoint(long n) {
    return Long.highestOneBit(n - 1);
  }

  /** Length of the inclusion proof of leaf {@code index} in a tree of {@code size} leaves. */
  public static int inclusionLength(long index, long size) {
    long start = 0;
    long end = size;
    int length = 0;
    while (end - start > 1) {
      long k = splitPoint(end - start);
      if (index < start + k) {
        end = start + k;
      } else {
        start += k;
      }
      length++;
    }
    return length;
  }

  /** Length of the consistency proof from {@code oldSize} to {@code newSize}, both positive. */
  public static int consistencyLength(long oldSize, long newSize) {
    long start = 0;
    long end = newSize;
    boolean oldRootKnown = true;
    int length = 0;
    while (oldSize != end) {
      long k = splitPoint(end - start);
      if (oldSize <= start + k) {
        end = start + k;
      } else {
        start += k;
        oldRootKnown = false;
      }
      length++;
    }
    return oldRootKnown ? length : length + 1;
  }
}
