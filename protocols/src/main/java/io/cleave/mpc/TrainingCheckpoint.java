package io.cleave.mpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What one compute party needs to resume training after epoch {@link #epoch}: its shares of the
 * weights and bias and its shares of the training labels. Alone it is uniformly random (like a
 * {@link WeightShare}); both parties' checkpoints of one epoch together give the model of that
 * epoch, so a provider keeps its own sealed at rest. The data mask and E are not in it: they are
 * dealt and opened again on resume, identically, from the job's dealer seed.
 *
 * <p>Serialised: version 1 byte, party 1 byte, fraction bits 1 byte, epoch 4 bytes, weight count 4
 * bytes, label count 4 bytes, then the weights, the bias and the labels as little-endian 64-bit ring
 * elements.
 *
 * @param party 0 or 1
 * @param epoch the last finished epoch, ≥ 1
 * @param share this party's weight and bias shares after that epoch
 * @param labels this party's shares of the training labels, in training-row order
 */
public record TrainingCheckpoint(int party, int epoch, WeightShare share, long[] labels) {
    private static final byte VERSION = 1;
    private static final int HEADER = 15;

    public TrainingCheckpoint {
        if (epoch < 1) {
            throw new IllegalArgumentException("a checkpoint follows a finished epoch (≥ 1), found " + epoch);
        }
        if (share.party() != party) {
            throw new IllegalArgumentException("checkpoint of party " + party + " holds the share of party "
                    + share.party());
        }
        labels = labels.clone();
    }

    @Override
    public long[] labels() {
        return labels.clone();
    }

    /** @throws IllegalArgumentException naming the mismatch if this checkpoint cannot resume {@code spec} as {@code party} */
    void requireFits(SecureJobSpec spec, int expectedParty) {
        if (party != expectedParty) {
            throw new IllegalArgumentException("checkpoint of party " + party + " cannot resume party " + expectedParty);
        }
        if (epoch >= spec.sgd().epochs()) {
            throw new IllegalArgumentException("checkpoint after epoch " + epoch + " leaves nothing to train: the job has "
                    + spec.sgd().epochs() + " epochs");
        }
        if (share.weights().length != spec.features() || labels.length != spec.rows()
                || share.fractionBits() != spec.fixedPoint().fractionBits()) {
            throw new IllegalArgumentException("checkpoint of " + share.weights().length + " weights, " + labels.length
                    + " labels at f=" + share.fractionBits() + " does not fit a job of " + spec.features()
                    + " features, " + spec.rows() + " rows at f=" + spec.fixedPoint().fractionBits());
        }
    }

    public byte[] toBytes() {
        long[] w = share.weights();
        ByteBuffer b = ByteBuffer.allocate(HEADER + (w.length + 1 + labels.length) * Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(VERSION).put((byte) party).put((byte) share.fractionBits()).putInt(epoch).putInt(w.length)
                .putInt(labels.length);
        for (long x : w) {
            b.putLong(x);
        }
        b.putLong(share.bias());
        for (long y : labels) {
            b.putLong(y);
        }
        return b.array();
    }

    /** Parses {@link #toBytes()}; checks the version first, then the exact length. */
    public static TrainingCheckpoint fromBytes(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new IllegalArgumentException("checkpoint too short: " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported checkpoint version " + version);
        }
        int party = b.get();
        int f = b.get();
        int epoch = b.getInt();
        int d = b.getInt();
        int n = b.getInt();
        if (d < 1 || n < 1 || bytes.length != HEADER + ((long) d + 1 + n) * Long.BYTES) {
            throw new IllegalArgumentException("checkpoint of " + bytes.length + " bytes does not hold " + d
                    + " weights, a bias and " + n + " labels");
        }
        long[] w = new long[d];
        for (int i = 0; i < d; i++) {
            w[i] = b.getLong();
        }
        long bias = b.getLong();
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = b.getLong();
        }
        return new TrainingCheckpoint(party, epoch, new WeightShare(party, f, w, bias), labels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingCheckpoint c && party == c.party && epoch == c.epoch && share.equals(c.share)
                && Arrays.equals(labels, c.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * share.hashCode() + epoch) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "TrainingCheckpoint[party=" + party + ", epoch=" + epoch + ", " + labels.length + " labels]";
    }
}
