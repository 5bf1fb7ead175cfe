package io.cleave.mpc.internal;

/**
 * Where one party finds a mini-batch's rows of the public {@code E = X − A} and of its share of
 * {@code A}: rows {@code [firstRow, firstRow + batch)} of two row-major arrays with the job's
 * feature count. The arrays may hold every training row or one cached block; either way the step
 * reads them in place.
 *
 * @param opened E
 * @param mask this party's share of A, laid out like {@code opened}
 * @param firstRow the batch's first row within the arrays
 */
public record BatchRows(long[] opened, long[] mask, int firstRow) {
    public BatchRows {
        if (opened.length != mask.length) {
            throw new IllegalArgumentException("E and the mask share must have the same shape, found "
                    + opened.length + " and " + mask.length + " elements");
        }
        if (firstRow < 0) {
            throw new IllegalArgumentException("the first row must be >= 0, found " + firstRow);
        }
    }
}
