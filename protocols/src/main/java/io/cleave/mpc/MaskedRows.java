package io.cleave.mpc;

import io.cleave.mpc.internal.BatchRows;
import io.cleave.mpc.internal.PrgSeed;

/** Where a compute party reads each step's rows of E and of its mask share. */
interface MaskedRows {
    /**
     * Training rows {@code [from, from + count)} for a step of {@code epoch} (1-based). Steps ask in
     * the job's public order: epochs in turn, consecutive batches in row order. The arrays returned
     * are valid until the next call.
     */
    BatchRows batch(int epoch, int from, int count);

    /**
     * Every row of E resident once the parties' opening has reached it (the first epoch streams
     * it); each batch's rows of this party's mask share regenerated from the dealer seed into one
     * batch-sized buffer (AES-CTR outruns reading a stored copy from memory, and the mask would
     * double the party's memory).
     */
    static MaskedRows resident(long[] opened, PrgSeed dealerSeed, SecureJobSpec spec, StreamedOpening opening) {
        long[] mask = new long[spec.sgd().batchSize() * spec.features()];
        DataMask.Rows share = new DataMask.Rows(dealerSeed, spec);
        return (epoch, from, count) -> {
            opening.openUpTo(from + count);
            share.fill(from, count, mask);
            return new BatchRows(opened, from, mask, 0);
        };
    }
}
