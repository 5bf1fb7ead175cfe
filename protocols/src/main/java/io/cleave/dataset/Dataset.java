package io.cleave.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A numeric table held in memory: named feature columns and one label column.
 *
 * <p>Immutable. Features are stored row-major in one array so that trainers and page encoders
 * read them without boxing; accessors hand out copies.
 */
public final class Dataset {
    private final List<String> featureNames;
    private final String labelName;
    private final int rows;
    private final double[] features;
    private final double[] labels;

    /**
     * @param features row-major, {@code rows × featureNames.size()} values, copied
     * @param labels one per row, copied
     */
    public Dataset(List<String> featureNames, String labelName, double[] features, double[] labels) {
        this.featureNames = List.copyOf(Objects.requireNonNull(featureNames, "featureNames"));
        this.labelName = Objects.requireNonNull(labelName, "labelName");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (this.featureNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature column");
        }
        if (features.length != labels.length * this.featureNames.size()) {
            throw new IllegalArgumentException("features must hold rows × columns = " + labels.length + " × "
                    + this.featureNames.size() + " values, found " + features.length);
        }
        this.rows = labels.length;
        this.features = features.clone();
        this.labels = labels.clone();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    public int rows() {
        return rows;
    }

    public int featureCount() {
        return featureNames.size();
    }

    public double feature(int row, int column) {
        return features[row * featureNames.size() + column];
    }

    public double label(int row) {
        return labels[row];
    }

    /** A copy of the row-major feature matrix. */
    public double[] featuresRowMajor() {
        return features.clone();
    }

    public double[] labels() {
        return labels.clone();
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset select(int[] indices) {
        int d = featureNames.size();
        double[] x = new double[indices.length * d];
        double[] y = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * d, x, i * d, d);
            y[i] = labels[indices[i]];
        }
        return new Dataset(featureNames, labelName, x, y);
    }

    /** The rows of several tables with the same columns, one table after another. */
    public static Dataset concat(List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Dataset first = parts.get(0);
        int d = first.featureCount();
        int rows = parts.stream().mapToInt(Dataset::rows).sum();
        double[] x = new double[rows * d];
        double[] y = new double[rows];
        int at = 0;
        for (Dataset p : parts) {
            if (!p.featureNames.equals(first.featureNames)) {
                throw new IllegalArgumentException("cannot join rows of different columns: " + p.featureNames + " vs "
                        + first.featureNames);
            }
            System.arraycopy(p.features, 0, x, at * d, p.rows * d);
            System.arraycopy(p.labels, 0, y, at, p.rows);
            at += p.rows;
        }
        return new Dataset(first.featureNames, first.labelName, x, y);
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " rows, features=" + featureNames + ", label=" + labelName + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset other && featureNames.equals(other.featureNames)
                && labelName.equals(other.labelName) && Arrays.equals(features, other.features)
                && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureNames, labelName, Arrays.hashCode(features), Arrays.hashCode(labels));
    }
}
