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

    /** This party's whole mask share. */
    static long[] expand(PrgSeed dealerSeed, SecureJobSpec spec) {
        long[] mask = new long[spec.rows() * spec.features()];
        addTo(dealerSeed, spec, mask);
        return mask;
    }

    /** Adds the mask share of {@code dealerSeed} to {@code target} (the dealer sums both parties'). */
    static void addTo(PrgSeed dealerSeed, SecureJobSpec spec, long[] target) {
        int d = spec.features();
        for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
            stream(dealerSeed, i).addTo(target, spec.rowOffset(i) * d, spec.rowsPerInputParty().get(i) * d);
        }
    }
}
