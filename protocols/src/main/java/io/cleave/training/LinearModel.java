package io.cleave.training;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trained model: score = w · x + bias on standardised features; a logistic model predicts
 * the probability sigmoid(score).
 */
public record LinearModel(ModelKind kind, double[] weights, double bias) {
    public LinearModel {
        Objects.requireNonNull(kind, "kind");
        weights = weights.clone();
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("model weights must be finite, found " + w);
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("model bias must be finite, found " + bias);
        }
    }

    public double score(double[] rowMajorFeatures, int row) {
        int d = weights.length;
        double s = bias;
        int base = row * d;
        for (int c = 0; c < d; c++) {
            s += weights[c] * rowMajorFeatures[base + c];
        }
        return s;
    }

    /** The prediction for a row: a probability for logistic models, the target for linear ones. */
    public double predict(double[] rowMajorFeatures, int row) {
        double s = score(rowMajorFeatures, row);
        return kind == ModelKind.LOGISTIC ? Sigmoid.exact(s) : s;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearModel m && kind == m.kind && Arrays.equals(weights, m.weights)
                && Double.compare(bias, m.bias) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(weights), bias);
    }

    @Override
    public String toString() {
        return "LinearModel[" + kind + ", weights=" + Arrays.toString(weights) + ", bias=" + bias + "]";
    }
}
