package io.cleave.mpc.internal;

/** Opens a shared vector: sends this party's share, receives the peer's, returns the sum. One round. */
@FunctionalInterface
public interface Opener {
    long[] open(long[] share);
}
