package io.cleave.mpc;

import io.cleave.mpc.internal.BatchRows;

/** Where a compute party reads each step's rows of E and of its mask share. */
interface MaskedRows {
    /**
     * Training rows {@code [from, from + count)} for a step of {@code epoch} (1-based). Steps ask in
     * the job's public order: epochs in turn, consecutive batches in row order. The arrays returned
     * are valid until the next call.
     */
    BatchRows batch(int epoch, int from, int count);

    /** Every row resident: the whole E and mask share, as the opening by the parties leaves them. */
    static MaskedRows resident(long[] opened, long[] mask) {
        return (epoch, from, count) -> new BatchRows(opened, mask, from);
    }
}
