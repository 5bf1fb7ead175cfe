package io.cleave.transparency;

import java.util.function.Consumer;

/**
 * Durable, append-only storage of a log's leaf hashes, in leaf-index order. It is the source
 * of truth of a {@link MerkleTree}: the tree keeps only interior nodes in memory and rebuilds
 * them from this store. The broker backs it with its database; {@link InMemoryLeafHashStore}
 * serves tests, tools and benchmarks.
 *
 * <p>Implementations must never change or remove a stored hash. Thread-safety is up to the
 * implementation; {@link MerkleTree} calls it under its own lock.
 */
public interface LeafHashStore {

  /** Number of leaf hashes stored. */
  long size();

  /**
   * Returns the leaf hash at {@code index} (a copy the caller may keep).
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  byte[] get(long index);

  /** Appends a 32-byte leaf hash at index {@code size()}. */
  void append(byte[] leafHash);

  /**
   * Passes the leaf hashes of {@code [fromIndex, toIndex)} to {@code sink} in index order.
   * Stores backed by a database should override this with one range query.
   */
  default void read(long fromIndex, long toIndex, Consumer<byte[]> sink) {
    for (long i = fromIndex; i < toIndex; i++) {
      sink.accept(get(i));
    }
  }
}
