package io.cleave.mpc.internal;

/**
 * Where one party finds a mini-batch's rows of the public {@code E = X − A} and of its share of
 * {@code A}: rows {@code [openedRow, openedRow + batch)} of {@code opened} and
 * {@code [maskRow, maskRow + batch)} of {@code mask}, both row-major with the job's feature count.
 * E may hold every training row or one cached block; the mask share may be a block or just this
 * batch's rows regenerated from the seed. Either way the step reads them in place.
 *
 * @param opened E
 * @param openedRow the batch's first row within {@code opened}
 * @param mask this party's share of A
 * @param maskRow the batch's first row within {@code mask}
 */
public record BatchRows(long[] opened, int openedRow, long[] mask, int maskRow) {
    public BatchRows {
        if (openedRow < 0 || maskRow < 0) {
            throw new IllegalArgumentException("the first rows must be >= 0, found " + openedRow + " and " + maskRow);
        }
    }
}
