package io.cleave.mpc.internal;

/**
 * One party's correlated randomness for one SGD step, in the fixed order in which the dealer
 * and the party draw it from their shared AES-CTR stream (CrypTen's TTP compression: party 1's
 * shares are all stream output; party 0's random parts are stream output and its product parts
 * arrive as one explicit correction frame).
 *
 * <ul>
 *   <li>{@code bw, cw}: matrix–vector triple for the forward product, {@code Cw = A_batch·Bw}</li>
 *   <li>{@code be, ce}: the backward one, {@code Ce = A_batchᵀ·Be}</li>
 *   <li>{@code a, a2, a3}: power triple {@code (a, a², a³)} for the sigmoid's powers (logistic)</li>
 *   <li>{@code u, v, uv}: element-wise Beaver triple for {@code t²·t³} (logistic)</li>
 *   <li>{@code be2}: {@code Be²} element-wise, to square the masked error for the declared loss</li>
 * </ul>
 */
public final class StepMaterial {
    public final long[] bw;
    public final long[] be;
    public final long[] a;
    public final long[] u;
    public final long[] v;
    public long[] cw;
    public long[] ce;
    public long[] a2;
    public long[] a3;
    public long[] uv;
    public long[] be2;

    private StepMaterial(Prg prg, int batch, int features, boolean logistic) {
        bw = prg.next(features);
        be = prg.next(batch);
        a = logistic ? prg.next(batch) : new long[0];
        u = logistic ? prg.next(batch) : new long[0];
        v = logistic ? prg.next(batch) : new long[0];
    }

    /** Draws the random (correction-free) parts, as party 0 and the dealer do for party 0. */
    public static StepMaterial drawRandomParts(Prg prg, int batch, int features, boolean logistic) {
        return new StepMaterial(prg, batch, features, logistic);
    }

    /** Draws everything from the stream, as party 1 and the dealer do for party 1. */
    public static StepMaterial drawAll(Prg prg, int batch, int features, boolean logistic, boolean loss) {
        StepMaterial m = new StepMaterial(prg, batch, features, logistic);
        m.cw = prg.next(batch);
        m.ce = prg.next(features);
        m.a2 = logistic ? prg.next(batch) : new long[0];
        m.a3 = logistic ? prg.next(batch) : new long[0];
        m.uv = logistic ? prg.next(batch) : new long[0];
        m.be2 = loss ? prg.next(batch) : new long[0];
        return m;
    }

    /** Size of party 0's correction frame for a step. */
    public static int correctionLength(int batch, int features, boolean logistic, boolean loss) {
        return batch + features + (logistic ? 3 * batch : 0) + (loss ? batch : 0);
    }

    /** Party 0's product parts, packed in the order {@code cw, ce, a2, a3, uv, be2}. */
    public long[] packCorrections() {
        long[][] parts = {cw, ce, a2, a3, uv, be2};
        long[] out = new long[java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Party 0 fills its product parts from a correction frame's elements. */
    public void unpackCorrections(long[] packed, int batch, int features, boolean logistic, boolean loss) {
        int n = logistic ? batch : 0;
        int[] lengths = {batch, features, n, n, n, loss ? batch : 0};
        long[][] parts = new long[lengths.length][];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            parts[i] = java.util.Arrays.copyOfRange(packed, at, at + lengths[i]);
            at += lengths[i];
        }
        cw = parts[0];
        ce = parts[1];
        a2 = parts[2];
        a3 = parts[3];
        uv = parts[4];
        be2 = parts[5];
    }
}
