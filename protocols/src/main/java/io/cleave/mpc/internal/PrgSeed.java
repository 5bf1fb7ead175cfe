package io.cleave.mpc.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An opaque 256-bit seed of the AES-CTR generator: the key handle that seed-compressed shares
 * travel as. The key bytes are reachable only inside this package and through {@link #toWire()},
 * which exists to put the seed in a (sealed) frame for the one party it is meant for.
 *
 * <p>Immutable and thread-safe.
 */
public final class PrgSeed {
    /** Seed length in bytes: an AES-256 key. */
    public static final int BYTES = 32;

    private final byte[] key;

    private PrgSeed(byte[] key) {
        this.key = key;
    }

    /** A fresh seed from the platform's cryptographic generator. */
    public static PrgSeed random(SecureRandom random) {
        byte[] k = new byte[BYTES];
        random.nextBytes(k);
        return new PrgSeed(k);
    }

    /** Decodes a seed received in a frame; the length must be exactly {@value #BYTES}. */
    public static PrgSeed fromWire(byte[] wire) {
        if (wire.length != BYTES) {
            throw new IllegalArgumentException("a PRG seed has " + BYTES + " bytes, found " + wire.length);
        }
        return new PrgSeed(wire.clone());
    }

    /**
     * Deterministic child seed {@code SHA-256(key ‖ label)}: lets one secret seed stand for many
     * independent streams (pages, steps) without sending more seeds.
     */
    public PrgSeed derive(String label) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            sha.update(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new PrgSeed(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The key bytes, for sending to the party that owns this seed. */
    public byte[] toWire() {
        return key.clone();
    }

    byte[] keyBytes() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrgSeed s && MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "PrgSeed[redacted]";
    }
}
