package io.cleave.mpc.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.mpc.FixedPoint;
import io.cleave.training.Sigmoid;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Exchanger;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The secret-shared products of one step against real arithmetic, two parties on two threads
 * exchanging openings, with triples made here from their definition (c = a·b). Documented error:
 * the Beaver product x·w + b is within (2 + (Σ|w| + Σ|x|)/2)·2^-f — one truncation unit, the
 * encoding of the bias, and half a unit of encoding error on every x and w, times the other
 * factor; σ within 4·10^-3 of {@link Sigmoid#polynomial} (t = z/8 carries 12 fraction bits).
 */
class PartyStepPropertyTest {
    private static final FixedPoint FP = FixedPoint.DEFAULT;
    private static final int F = FP.fractionBits();

    @Property(tries = 40)
    void forwardAndSigmoid_withinDocumentedError(@ForAll @IntRange(min = 1, max = 24) int rows,
            @ForAll @IntRange(min = 1, max = 12) int d, @ForAll long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = r.doubles((long) rows * d, -3, 3).toArray();
        double[] w = r.doubles(d, -1, 1).toArray();
        double bias = r.nextDouble(-1, 1);
        long[] ex = new long[x.length];
        long[] a0 = r.longs(x.length).toArray();
        long[] a1 = r.longs(x.length).toArray();
        for (int i = 0; i < x.length; i++) {
            ex[i] = FP.encodeInput(x[i], "x") - a0[i] - a1[i];
        }
        StepMaterial[] m = materials(r, rows, d, RingKernels.add(a0, a1));
        long[] w1 = r.longs(d).toArray();
        long[] w0 = new long[d];
        for (int c = 0; c < d; c++) {
            w0[c] = FP.encode(w[c]) - w1[c];
        }
        long b1 = r.nextLong();
        long b0 = FP.encode(bias) - b1;
        Exchanger<long[]> exchanger = new Exchanger<>();
        Function<Integer, long[][]> party = j -> {
            PartyStep step = new PartyStep(j, F, d, share -> RingKernels.add(share, exchange(exchanger, share)));
            long[] z = step.forward(j == 0 ? w0 : w1, j == 0 ? b0 : b1, new BatchRows(ex, 0, j == 0 ? a0 : a1, 0), rows,
                    m[j]);
            return new long[][] {z, step.sigmoid(z, m[j])};
        };
        CompletableFuture<long[][]> p1 = CompletableFuture.supplyAsync(() -> party.apply(1));
        long[][] out0 = party.apply(0);
        long[][] out1 = p1.get();
        double wAbs = java.util.Arrays.stream(w).map(Math::abs).sum();
        for (int i = 0; i < rows; i++) {
            double z = bias;
            double xAbs = 0;
            for (int c = 0; c < d; c++) {
                z += x[i * d + c] * w[c];
                xAbs += Math.abs(x[i * d + c]);
            }
            double gotZ = FP.decode(out0[0][i] + out1[0][i]);
            double gotSigma = FP.decode(out0[1][i] + out1[1][i]);
            assertTrue(Math.abs(gotZ - z) <= (2 + (wAbs + xAbs) / 2) * Math.scalb(1.0, -F), "z " + gotZ + " vs " + z);
            // The documented error holds on the polynomial's interval; outside it the z^5 term
            // magnifies the truncation error and the polynomial itself no longer tracks σ.
            if (Math.abs(gotZ) <= Sigmoid.INTERVAL) {
                assertTrue(Math.abs(gotSigma - Sigmoid.polynomial(gotZ)) <= 4e-3,
                        "σ " + gotSigma + " vs " + Sigmoid.polynomial(gotZ) + " at z=" + gotZ);
            }
        }
    }

    private static long[] exchange(Exchanger<long[]> exchanger, long[] share) {
        try {
            return exchanger.exchange(share);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Triples by definition: random parts split in two, products computed in the clear and split. */
    private static StepMaterial[] materials(SplittableRandom r, int nb, int d, long[] mask) {
        Prg prg0 = new Prg(PrgSeed.fromWire(bytes(r)));
        Prg prg1 = new Prg(PrgSeed.fromWire(bytes(r)));
        StepMaterial m1 = StepMaterial.drawAll(prg1, nb, d, true, false);
        StepMaterial m0 = StepMaterial.drawRandomParts(prg0, nb, d, true);
        long[] bw = RingKernels.add(m0.bw, m1.bw);
        long[] cw = new long[nb];
        RingKernels.mulVecAndTransposed(mask, bw, new long[nb], 0, nb, d, cw, new long[d]);
        m0.cw = RingKernels.subtract(cw, m1.cw);
        m0.ce = new long[d];
        m0.a2 = new long[nb];
        m0.a3 = new long[nb];
        m0.uv = new long[nb];
        m0.be2 = new long[0];
        for (int i = 0; i < nb; i++) {
            long a = m0.a[i] + m1.a[i];
            m0.a2[i] = a * a - m1.a2[i];
            m0.a3[i] = a * a * a - m1.a3[i];
            m0.uv[i] = (m0.u[i] + m1.u[i]) * (m0.v[i] + m1.v[i]) - m1.uv[i];
        }
        return new StepMaterial[] {m0, m1};
    }

    private static byte[] bytes(SplittableRandom r) {
        byte[] b = new byte[PrgSeed.BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt();
        }
        return b;
    }
}
