package io.cleave.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The {@code PLAINTEXT_F64_ROWS} page encoding of the v1 data plane: rows of little-endian
 * float64, each the row's features in schema order followed by its label. TRUSTED jobs only.
 */
public final class PageCodec {
    private PageCodec() {
    }

    public static byte[] encode(Dataset rows) {
        int d = rows.featureCount();
        ByteBuffer out = ByteBuffer.allocate(rows.rows() * (d + 1) * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows.rows(); r++) {
            for (int c = 0; c < d; c++) {
                out.putDouble(rows.feature(r, c));
            }
            out.putDouble(rows.label(r));
        }
        return out.array();
    }

    /**
     * @throws IllegalArgumentException if the payload is not {@code rows × (features + 1)} finite doubles
     */
    public static Dataset decode(byte[] payload, int rows, List<String> featureNames, String labelName) {
        int d = featureNames.size();
        long expected = (long) rows * (d + 1) * Double.BYTES;
        if (payload.length != expected) {
            throw new IllegalArgumentException("page payload of " + payload.length + " bytes does not hold " + rows
                    + " rows of " + (d + 1) + " float64 values (" + expected + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[rows * d];
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < d; c++) {
                x[r * d + c] = finite(in.getDouble());
            }
            y[r] = finite(in.getDouble());
        }
        return new Dataset(featureNames, labelName, x, y);
    }

    private static double finite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("page payload holds a value that is not a finite number");
        }
        return v;
    }
}
