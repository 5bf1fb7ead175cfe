package io.cleave.dataset;

import java.util.Arrays;

/**
 * Per-feature affine standardisation {@code (x - mean) / std} that a data owner applies before any
 * value leaves it. The parameters are public metadata, declared in the dataset schema.
 *
 * @param means one per feature
 * @param stds one per feature, each finite and &gt; 0 (a constant column gets 1)
 */
public record Standardization(double[] means, double[] stds) {
    public Standardization {
        if (means.length != stds.length) {
            throw new IllegalArgumentException("means and stds must have one entry per feature: " + means.length + " vs "
                    + stds.length);
        }
        for (int i = 0; i < stds.length; i++) {
            if (!(stds[i] > 0) || !Double.isFinite(stds[i]) || !Double.isFinite(means[i])) {
                throw new IllegalArgumentException("feature " + i + ": std must be finite and > 0 and mean finite, found mean="
                        + means[i] + " std=" + stds[i]);
            }
        }
        means = means.clone();
        stds = stds.clone();
    }

    /** Population mean and standard deviation of each feature column. */
    public static Standardization fit(Dataset data) {
        int d = data.featureCount();
        int n = data.rows();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                // Welford: stable for columns with a large offset.
                double x = data.feature(r, c);
                double delta = x - mean[c];
                mean[c] += delta / (r + 1);
                m2[c] += delta * (x - mean[c]);
            }
        }
        double[] std = new double[d];
        for (int c = 0; c < d; c++) {
            double s = Math.sqrt(m2[c] / n);
            std[c] = s > 1e-12 ? s : 1.0;
        }
        return new Standardization(mean, std);
    }

    public Dataset apply(Dataset data) {
        if (data.featureCount() != means.length) {
            throw new IllegalArgumentException("standardisation is for " + means.length + " features, the dataset has "
                    + data.featureCount());
        }
        double[] x = data.featuresRowMajor();
        int d = means.length;
        for (int i = 0; i < x.length; i++) {
            int c = i % d;
            x[i] = (x[i] - means[c]) / stds[c];
        }
        return new Dataset(data.featureNames(), data.labelName(), x, data.labels());
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] stds() {
        return stds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(means, s.means) && Arrays.equals(stds, s.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "Standardization[means=" + Arrays.toString(means) + ", stds=" + Arrays.toString(stds) + "]";
    }
}
