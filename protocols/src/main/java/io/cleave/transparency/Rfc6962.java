package io.cleave.transparency;

import io.cleave.transparency.internal.Sha256;

/**
 * The Merkle tree hashes of RFC 9162 §2.1.1 (unchanged from RFC 6962): SHA-256 with a one-byte
 * domain separator, so that a leaf can never be passed off as an interior node (second-preimage
 * defence).
 *
 * <p>All methods are pure and thread-safe. Hashes are 32-byte arrays that the caller owns.
 */
public final class Rfc6962 {

  /** Length in bytes of every hash in the tree. */
  public static final int HASH_SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private Rfc6962() {}

  /** Returns {@code SHA-256(0x00 || leaf)}, the hash of one log entry. */
  public static byte[] leafHash(byte[] leaf) {
    return Sha256.hash(LEAF_PREFIX, leaf);
  }

  /** Returns {@code SHA-256(0x01 || left || right)}, the hash of an interior node. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireHash("left", left);
    requireHash("right", right);
    return Sha256.hash(NODE_PREFIX, left, right);
  }

  /** Returns {@code SHA-256()}, the root hash of the empty tree. */
  public static byte[] emptyRoot() {
    return Sha256.hash();
  }

  static byte[] requireHash(String what, byte[] hash) {
    if (hash == null) {
      throw new NullPointerException(what + " hash must not be null");
    }
    if (hash.length != HASH_SIZE) {
      throw new IllegalArgumentException(
          what + " hash must be " + HASH_SIZE + " bytes, got " + hash.length);
    }
    return hash;
  }
}
