package io.cleave.memory.store;

import io.cleave.dataset.Dataset;
import io.cleave.dataset.Standardization;
import java.util.Arrays;
import java.util.List;

/**
 * A dataset held in fixed-size pages of standardised rows. Values never leave this class except as
 * pages served to a granted job.
 */
public final class PagedDataset {
    private final String name;
    private final List<String> featureNames;
    private final String labelName;
    private final Standardization standardization;
    private final int rowsPerPage;
    private final double[][] pages;
    private final int rows;

    public PagedDataset(String name, Dataset raw, int rowsPerPage) {
        if (rowsPerPage < 1) {
            throw new IllegalArgumentException("rows per page must be >= 1, found " + rowsPerPage);
        }
        this.name = name;
        this.featureNames = raw.featureNames();
        this.labelName = raw.labelName();
        this.standardization = Standardization.fit(raw);
        this.rowsPerPage = rowsPerPage;
        this.rows = raw.rows();
        Dataset standardised = standardization.apply(raw);
        int width = featureNames.size() + 1;
        double[] x = standardised.featuresRowMajor();
        double[] y = standardised.labels();
        int pageCount = (rows + rowsPerPage - 1) / rowsPerPage;
        pages = new double[pageCount][];
        for (int p = 0; p < pageCount; p++) {
            int first = p * rowsPerPage;
            int count = Math.min(rowsPerPage, rows - first);
            double[] page = new double[count * width];
            for (int r = 0; r < count; r++) {
                System.arraycopy(x, (first + r) * featureNames.size(), page, r * width, featureNames.size());
                page[r * width + featureNames.size()] = y[first + r];
            }
            pages[p] = page;
        }
    }

    /** The standardised rows at {@code indices}, in that order. */
    public Dataset rows(int[] indices) {
        int d = featureNames.size();
        int width = d + 1;
        double[] x = new double[indices.length * d];
        double[] y = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int row = indices[i];
            if (row < 0 || row >= rows) {
                throw new IndexOutOfBoundsException("row " + row + " of " + rows);
            }
            double[] page = pages[row / rowsPerPage];
            int offset = (row % rowsPerPage) * width;
            System.arraycopy(page, offset, x, i * d, d);
            y[i] = page[offset + d];
        }
        return new Dataset(featureNames, labelName, x, y);
    }

    public String name() {
        return name;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public String labelName() {
        return labelName;
    }

    public Standardization standardization() {
        return standardization;
    }

    public int rows() {
        return rows;
    }

    public int rowsPerPage() {
        return rowsPerPage;
    }

    public int pageCount() {
        return pages.length;
    }

    public long sizeBytes() {
        return Arrays.stream(pages).mapToLong(p -> (long) p.length * Double.BYTES).sum();
    }
}
