package io.cleave.mpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One compute party's additive share of a trained model: alone it is uniformly random; the
 * recipient adds both parties' shares and decodes. Serialised for sealing to the recipient:
 * version 1 byte, party 1 byte, fraction bits 1 byte, weight count 4 bytes, then the weights and
 * the bias as little-endian 64-bit ring elements.
 *
 * @param party 0 or 1
 * @param fractionBits f of the job's encoding
 * @param weights shares of the weights, at scale 2^f
 * @param bias share of the bias, at scale 2^f
 */
public record WeightShare(int party, int fractionBits, long[] weights, long bias) {
    private static final byte VERSION = 1;
    private static final int HEADER = 7;

    public WeightShare {
        if (party != 0 && party != 1) {
            throw new IllegalArgumentException("party must be 0 or 1, found " + party);
        }
        new FixedPoint(fractionBits);
        weights = weights.clone();
    }

    @Override
    public long[] weights() {
        return weights.clone();
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + (weights.length + 1) * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION).put((byte) party).put((byte) fractionBits).putInt(weights.length);
        for (long w : weights) {
            b.putLong(w);
        }
        b.putLong(bias);
        return b.array();
    }

    /** Parses {@link #toBytes()}; checks the version first, then the exact length. */
    public static WeightShare fromBytes(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new IllegalArgumentException("weight share too short: " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported weight share version " + version);
        }
        int party = b.get();
        int f = b.get();
        int d = b.getInt();
        if (d < 1 || bytes.length != HEADER + ((long) d + 1) * Long.BYTES) {
            throw new IllegalArgumentException("weight share of " + bytes.length + " bytes does not hold " + d
                    + " weights and a bias");
        }
        long[] w = new long[d];
        for (int i = 0; i < d; i++) {
            w[i] = b.getLong();
        }
        return new WeightShare(party, f, w, b.getLong());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightShare s && party == s.party && fractionBits == s.fractionBits
                && Arrays.equals(weights, s.weights) && bias == s.bias;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Long.hashCode(bias) + party;
    }

    @Override
    public String toString() {
        return "WeightShare[party=" + party + ", f=" + fractionBits + ", " + weights.length + " weights]";
    }
}
