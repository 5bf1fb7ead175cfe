package io.cleave.training;

import io.cleave.dataset.Dataset;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Held-out metrics of a model on a dataset.
 *
 * @param rows rows evaluated
 * @param accuracy logistic: share classified right at threshold 0.5; NaN for linear
 * @param auc logistic: ROC AUC (ties count half); NaN for linear or when one class is absent
 * @param r2 linear: coefficient of determination; NaN for logistic
 * @param rmse linear: root mean squared error in the label's unit; NaN for logistic
 */
public record Evaluation(int rows, double accuracy, double auc, double r2, double rmse) {

    public static Evaluation of(LinearModel model, Dataset test) {
        if (test.featureCount() != model.weights().length) {
            throw new IllegalArgumentException("the model has " + model.weights().length + " weights, the data "
                    + test.featureCount() + " features");
        }
        if (test.rows() == 0) {
            throw new IllegalArgumentException("cannot evaluate on zero rows");
        }
        double[] x = test.featuresRowMajor();
        double[] y = test.labels();
        double[] p = new double[y.length];
        for (int r = 0; r < y.length; r++) {
            p[r] = model.predict(x, r);
        }
        if (model.kind() == ModelKind.LOGISTIC) {
            return new Evaluation(y.length, accuracy(p, y), auc(p, y), Double.NaN, Double.NaN);
        }
        return new Evaluation(y.length, Double.NaN, Double.NaN, r2(p, y), rmse(p, y));
    }

    static double accuracy(double[] p, double[] y) {
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            if ((p[i] >= 0.5 ? 1.0 : 0.0) == y[i]) {
                right++;
            }
        }
        return (double) right / p.length;
    }

    /** Mann–Whitney form of the AUC with average ranks for ties. */
    static double auc(double[] p, double[] y) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < order.length;) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[order[k]] == 1.0) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = p.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    static double r2(double[] p, double[] y) {
        double mean = Arrays.stream(y).average().orElseThrow();
        double residual = 0;
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            residual += (y[i] - p[i]) * (y[i] - p[i]);
            total += (y[i] - mean) * (y[i] - mean);
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }

    static double rmse(double[] p, double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += (y[i] - p[i]) * (y[i] - p[i]);
        }
        return Math.sqrt(sum / y.length);
    }
}
