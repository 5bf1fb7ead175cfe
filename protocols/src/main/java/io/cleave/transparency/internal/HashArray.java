package io.cleave.transparency.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only array of 32-byte hashes stored flat in 1 MiB chunks: a million hashes cost
 * 32 MiB instead of a million small objects, and growth never copies what is already stored.
 *
 * <p>Not thread-safe; the owner serialises access.
 */
public final class HashArray {

  private static final int HASH_SIZE = 32;
  private static final int CHUNK_SHIFT = 15;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;

  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  /** Number of hashes stored. */
  public long size() {
    return size;
  }

  /** Appends a copy of {@code hash}, which must be 32 bytes. */
  public void append(byte[] hash) {
    if (hash.length != HASH_SIZE) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + hash.length);
    }
    int offset = (int) (size & (CHUNK_HASHES - 1));
    if (offset == 0) {
      chunks.add(new byte[CHUNK_HASHES * HASH_SIZE]);
    }
    System.arraycopy(hash, 0, chunks.get(chunks.size() - 1), offset * HASH_SIZE, HASH_SIZE);
    size++;
  }

  /** Returns a fresh copy of the hash at {@code index}. */
  public byte[] get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("hash index " + index + " out of range [0, " + size + ")");
    }
    byte[] chunk = chunks.get((int) (index >>> CHUNK_SHIFT));
    int offset = (int) (index & (CHUNK_HASHES - 1)) * HASH_SIZE;
    byte[] hash = new byte[HASH_SIZE];
    System.arraycopy(chunk, offset, hash, 0, HASH_SIZE);
    return hash;
  }
}
