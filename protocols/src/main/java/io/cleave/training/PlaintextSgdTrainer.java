package io.cleave.training;

import io.cleave.dataset.Dataset;

/**
 * The plaintext reference trainer: mini-batch SGD over {@code double}s.
 *
 * <p>Its data order, initialisation and update rule are the contract that the secret-shared
 * trainer mirrors: weights and bias start at zero; each epoch visits the training rows in the
 * order given (the job's seeded split order), in consecutive batches of {@code batchSize}, the
 * last possibly short; each step applies
 * {@code w -= lr · (Xᵀ(p − y) / |batch| + l2 · w)} and {@code b -= lr · Σ(p − y) / |batch|},
 * where {@code p} is sigmoid(Xw + b) for logistic and Xw + b for linear regression.
 *
 * <p>Not thread-safe; one instance trains one model.
 */
public final class PlaintextSgdTrainer {
    private final ModelKind kind;
    private final SgdParameters parameters;
    private final Sigmoid.Form sigmoid;

    public PlaintextSgdTrainer(ModelKind kind, SgdParameters parameters) {
        this(kind, parameters, Sigmoid.Form.EXACT);
    }

    /**
     * @param sigmoid the form of σ for logistic regression: {@code POLYNOMIAL} mirrors the
     *     secret-shared trainer step for step, so the two can be compared weight by weight
     */
    public PlaintextSgdTrainer(ModelKind kind, SgdParameters parameters, Sigmoid.Form sigmoid) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
        this.sigmoid = java.util.Objects.requireNonNull(sigmoid, "sigmoid");
    }

    public LinearModel train(Dataset data, TrainingListener listener) {
        validateLabels(data, kind);
        int n = data.rows();
        int d = data.featureCount();
        double[] x = data.featuresRowMajor();
        double[] y = data.labels();
        double[] w = new double[d];
        double[] grad = new double[d];
        double bias = 0;
        int batch = parameters.batchSize();
        long steps = (long) parameters.stepsPerEpoch(n) * parameters.epochs();
        long step = 0;
        for (int epoch = 1; epoch <= parameters.epochs(); epoch++) {
            double lossSum = 0;
            int epochSteps = 0;
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                java.util.Arrays.fill(grad, 0);
                double gradBias = 0;
                for (int r = start; r < end; r++) {
                    double score = bias;
                    int base = r * d;
                    for (int c = 0; c < d; c++) {
                        score += w[c] * x[base + c];
                    }
                    double prediction = kind == ModelKind.LOGISTIC ? sigmoid.apply(score) : score;
                    double error = prediction - y[r];
                    lossSum += loss(prediction, y[r]) / (end - start);
                    for (int c = 0; c < d; c++) {
                        grad[c] += error * x[base + c];
                    }
                    gradBias += error;
                }
                double scale = parameters.learningRate() / (end - start);
                for (int c = 0; c < d; c++) {
                    w[c] -= scale * grad[c] + parameters.learningRate() * parameters.l2() * w[c];
                }
                bias -= scale * gradBias;
                epochSteps++;
                step++;
            }
            listener.epochFinished(epoch, parameters.epochs(), step, steps, lossSum / epochSteps);
        }
        return new LinearModel(kind, w, bias);
    }

    private double loss(double prediction, double label) {
        if (kind == ModelKind.LINEAR) {
            double e = prediction - label;
            return 0.5 * e * e;
        }
        double p = Math.min(Math.max(prediction, 1e-15), 1 - 1e-15);
        return -(label * Math.log(p) + (1 - label) * Math.log(1 - p));
    }

    /** Logistic regression needs labels of exactly 0 or 1; the message names the first offending row. */
    public static void validateLabels(Dataset data, ModelKind kind) {
        if (kind != ModelKind.LOGISTIC) {
            return;
        }
        for (int r = 0; r < data.rows(); r++) {
            double label = data.label(r);
            if (label != 0.0 && label != 1.0) {
                throw new IllegalArgumentException("logistic regression needs labels 0 or 1; label '" + data.labelName()
                        + "' of data row " + (r + 1) + " is " + label);
            }
        }
    }
}
