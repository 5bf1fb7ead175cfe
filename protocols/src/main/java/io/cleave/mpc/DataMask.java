package io.cleave.mpc;

import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;

/** A party's share of the data mask A: the first stream of its dealer seed, row-major n × d. */
final class DataMask {
    private DataMask() {
    }

    static long[] expand(PrgSeed dealerSeed, int rows, int features) {
        return new Prg(dealerSeed.derive("data-mask")).next(rows * features);
    }
}
