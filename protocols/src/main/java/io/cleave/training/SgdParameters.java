package io.cleave.training;

/**
 * Mini-batch SGD hyperparameters, validated when built.
 *
 * @param epochs passes over the training rows, 1..10 000
 * @param batchSize rows per step, 1..1 048 576
 * @param learningRate step size, finite and &gt; 0
 * @param l2 ridge penalty on the weights (not the bias), finite and &ge; 0
 */
public record SgdParameters(int epochs, int batchSize, double learningRate, double l2) {
    public SgdParameters {
        if (epochs < 1 || epochs > 10_000) {
            throw new IllegalArgumentException("epochs must be in [1, 10000], found " + epochs);
        }
        if (batchSize < 1 || batchSize > 1 << 20) {
            throw new IllegalArgumentException("batch size must be in [1, 1048576], found " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, found " + learningRate);
        }
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, found " + l2);
        }
    }

    /** Steps in one epoch over {@code rows} training rows (the last batch may be short). */
    public int stepsPerEpoch(int rows) {
        return (rows + batchSize - 1) / batchSize;
    }
}
