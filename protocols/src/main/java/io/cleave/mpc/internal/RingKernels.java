package io.cleave.mpc.internal;

/**
 * Tight loops over Z_2^64 held in {@code long} arrays: Java's two's-complement {@code long}
 * arithmetic wraps modulo 2^64 exactly, so every +, − and × here is the ring operation.
 *
 * <p>Matrices are row-major {@code long[]}; a "row block" is rows {@code [from, to)} of a matrix
 * with {@code cols} columns. The products dominate training time, so they walk memory in order:
 * a matrix–vector product reads each row once, a transposed product accumulates row by row into
 * a short output that stays in L1, and the general product uses the i-k-j order over blocks of
 * the right operand. Stateless and thread-safe.
 */
public final class RingKernels {
    private static final int BLOCK = 64;

    private RingKernels() {
    }

    /**
     * {@code out[r] = Σ_c m1[row1 + r, c]·v1[c] + m2[row2 + r, c]·v2[c]} for r in {@code [0, rows)}:
     * the two halves of a Beaver matrix–vector product in one pass, each matrix read from its own
     * first row.
     */
    public static void mulVec2(long[] m1, int row1, long[] v1, long[] m2, int row2, long[] v2, int rows, int cols,
            long[] out) {
        for (int r = 0; r < rows; r++) {
            int base1 = (row1 + r) * cols;
            int base2 = (row2 + r) * cols;
            long s = 0;
            for (int c = 0; c < cols; c++) {
                s += m1[base1 + c] * v1[c] + m2[base2 + c] * v2[c];
            }
            out[r] = s;
        }
    }

    /**
     * {@code out[c] = Σ_r m1[row1 + r, c]·u1[r] + m2[row2 + r, c]·u2[r]} over r in {@code [0, rows)}:
     * the transposed (gradient) product, accumulated row by row so memory is read in order.
     */
    public static void transposeMulVec2(long[] m1, int row1, long[] u1, long[] m2, int row2, long[] u2, int rows,
            int cols, long[] out) {
        java.util.Arrays.fill(out, 0, cols, 0L);
        for (int r = 0; r < rows; r++) {
            int base1 = (row1 + r) * cols;
            int base2 = (row2 + r) * cols;
            long a = u1[r];
            long b = u2[r];
            for (int c = 0; c < cols; c++) {
                out[c] += m1[base1 + c] * a + m2[base2 + c] * b;
            }
        }
    }

    /**
     * Both products of a block of {@code rows} rows at once, {@code out[first + r] = Σ_c m[r,c]·v[c]}
     * and {@code outT[c] += Σ_r m[r,c]·u[first + r]}: the dealer's two triple products for a step
     * share their left operand, so each row is read once instead of once per product, and a step
     * can be taken block by block (outT accumulates; pass it zeroed for the first block).
     */
    public static void mulVecAndTransposed(long[] m, long[] v, long[] u, int first, int rows, int cols, long[] out,
            long[] outT) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            long a = u[first + r];
            long s = 0;
            for (int c = 0; c < cols; c++) {
                long x = m[base + c];
                s += x * v[c];
                outT[c] += x * a;
            }
            out[first + r] = s;
        }
    }

    /**
     * The general ring product {@code C = A·B} with A {@code n×k} and B {@code k×m}, row-major.
     * Rows of C are independent, so callers may split {@code [rowFrom, rowTo)} across threads.
     */
    public static void multiply(long[] a, long[] b, long[] c, int n, int k, int m, int rowFrom, int rowTo) {
        java.util.Arrays.fill(c, rowFrom * m, rowTo * m, 0L);
        for (int jj = 0; jj < m; jj += BLOCK) {
            int jEnd = Math.min(m, jj + BLOCK);
            for (int i = rowFrom; i < rowTo; i++) {
                int ci = i * m;
                for (int p = 0; p < k; p++) {
                    long aip = a[i * k + p];
                    int bp = p * m;
                    for (int j = jj; j < jEnd; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    public static long[] add(long[] x, long[] y) {
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + y[i];
        }
        return out;
    }

    public static long[] subtract(long[] x, long[] y) {
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - y[i];
        }
        return out;
    }

    public static void subtractInPlace(long[] x, long[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] -= y[i];
        }
    }

    public static void addInPlace(long[] x, long[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }
}
