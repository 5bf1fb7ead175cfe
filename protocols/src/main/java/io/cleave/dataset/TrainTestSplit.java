package io.cleave.dataset;

/**
 * The job's deterministic division of a dataset's rows into training rows (in training order)
 * and held-out test rows. Every party computes it from the seed alone.
 *
 * @param train row indices used for training, in the order they are trained on
 * @param test row indices held out for evaluation
 */
public record TrainTestSplit(int[] train, int[] test) {
    public static final double MAX_TEST_FRACTION = 0.9;

    public TrainTestSplit {
        train = train.clone();
        test = test.clone();
    }

    /**
     * Shuffles {@code 0..rows-1} with {@code seed}; the first {@code round(rows × testFraction)} rows
     * of the shuffle are the test rows, the rest the training rows in shuffled order.
     */
    public static TrainTestSplit of(int rows, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction <= MAX_TEST_FRACTION)) {
            throw new IllegalArgumentException("test fraction must be in [0, " + MAX_TEST_FRACTION + "], found "
                    + testFraction);
        }
        if (rows < 2) {
            throw new IllegalArgumentException("a split needs at least 2 rows, found " + rows);
        }
        int[] order = new SeededRandom(seed).permutation(rows);
        int testRows = (int) Math.round(rows * testFraction);
        int[] test = java.util.Arrays.copyOfRange(order, 0, testRows);
        int[] train = java.util.Arrays.copyOfRange(order, testRows, rows);
        return new TrainTestSplit(train, test);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }
}
