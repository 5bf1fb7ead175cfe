package io.cleave.mpc;

import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;

/**
 * A party's share of the data mask A (row-major, training rows × features): for the rows of
 * input party i, the stream of the seed {@code dealerSeed.derive("data-mask-i")}. Per-input-party
 * seeds let the client-aided variant hand one data owner the mask of its own rows and nothing
 * else (the derivation is one-way, so the step triples stay hidden).
 */
final class DataMask {
    private DataMask() {
    }

    static PrgSeed seedFor(PrgSeed dealerSeed, int inputParty) {
        return dealerSeed.derive("data-mask-" + inputParty);
    }

    /** The stream of a party's mask share over input party i's rows, to be read in row-major order. */
    static Prg stream(PrgSeed dealerSeed, int inputParty) {
        return new Prg(seedFor(dealerSeed, inputParty));
    }

    /**
     * Regenerates a party's mask share row range by row range: one stream per input party, moved to
     * the first element needed (counter mode can start anywhere), so neither the parties nor the
     * dealer keep the whole mask, as large as the data, in memory. Not thread-safe.
     */
    static final class Rows {
        private final SecureJobSpec spec;
        private final Prg[] streams;

        Rows(PrgSeed dealerSeed, SecureJobSpec spec) {
            this.spec = spec;
            this.streams = new Prg[spec.rowsPerInputParty().size()];
            for (int i = 0; i < streams.length; i++) {
                streams[i] = stream(dealerSeed, i);
            }
        }

        /** Writes the share over training rows {@code [fromRow, fromRow + count)} to {@code out} from element 0. */
        void fill(int fromRow, int count, long[] out) {
            forEachOwnerRange(fromRow, count, (stream, outAt, length) -> stream.fill(out, outAt, length));
        }

        /** Adds the share over training rows {@code [fromRow, fromRow + count)} to {@code out} from element 0. */
        void addTo(int fromRow, int count, long[] out) {
            forEachOwnerRange(fromRow, count, (stream, outAt, length) -> stream.addTo(out, outAt, length));
        }

        private interface Range {
            void accept(Prg stream, int outAt, int length);
        }

        /** Cuts the rows at the input parties' boundaries, each piece read from its owner's stream. */
        private void forEachOwnerRange(int fromRow, int count, Range range) {
            int d = spec.features();
            int end = fromRow + count;
            for (int i = 0; i < streams.length; i++) {
                int first = Math.max(fromRow, spec.rowOffset(i));
                int last = Math.min(end, spec.rowOffset(i) + spec.rowsPerInputParty().get(i));
                if (first < last) {
                    streams[i].seek((long) (first - spec.rowOffset(i)) * d);
                    range.accept(streams[i], (first - fromRow) * d, (last - first) * d);
                }
            }
        }
    }
}
