package io.cleave.mpc;

import io.cleave.mpc.internal.Parallel;
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
     * The whole mask {@code A = A₀ + A₁} from both parties' dealer seeds, as the dealer needs it:
     * each input party's elements are cut into {@code pieces} ranges expanded at once, which counter
     * mode allows since a stream can start at any element.
     */
    static long[] sum(PrgSeed seed0, PrgSeed seed1, SecureJobSpec spec, int pieces) {
        int d = spec.features();
        long[] mask = new long[spec.rows() * d];
        Parallel.run(pieces, k -> {
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                int start = spec.rowOffset(i) * d;
                long length = (long) spec.rowsPerInputParty().get(i) * d;
                int lo = (int) (length * k / pieces);
                int hi = (int) (length * (k + 1) / pieces);
                new Prg(seedFor(seed0, i), lo).fill(mask, start + lo, hi - lo);
                new Prg(seedFor(seed1, i), lo).addTo(mask, start + lo, hi - lo);
            }
        });
        return mask;
    }
}
