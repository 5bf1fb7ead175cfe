package io.cleave.transparency;

import io.cleave.transparency.internal.HashArray;

/** A {@link LeafHashStore} held in memory (32 bytes per leaf). Not thread-safe. */
public final class InMemoryLeafHashStore implements LeafHashStore {

  private final HashArray hashes = new HashArray();

  @Override
  public long size() {
    return hashes.size();
  }

  @Override
  public byte[] get(long index) {
    return hashes.get(index);
  }

  @Override
  public void append(byte[] leafHash) {
    hashes.append(Rfc6962.requireHash("leaf", leafHash));
  }
}
