package io.cleave.mpc.bench;

import io.cleave.mpc.internal.RingKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ring products over Z_2^64: the general matrix product (256×256·256×256) and the Beaver
 * matrix–vector products of one SGD step (batch 1024 × 256 features), one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RingProductBenchmark {
    private static final int N = 256;
    private static final int BATCH = 1024;

    private long[] a;
    private long[] b;
    private long[] c;
    private long[] e;
    private long[] mask;
    private long[] v;
    private long[] z;
    private long[] grad;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        a = r.longs(N * N).toArray();
        b = r.longs(N * N).toArray();
        c = new long[N * N];
        e = r.longs(BATCH * N).toArray();
        mask = r.longs(BATCH * N).toArray();
        v = r.longs(BATCH).toArray();
        z = new long[BATCH];
        grad = new long[N];
    }

    @Benchmark
    public long[] matrixProduct256() {
        RingKernels.multiply(a, b, c, N, N, N, 0, N);
        return c;
    }

    @Benchmark
    public long[] forwardBeaverMatVec() {
        RingKernels.mulVec2(e, 0, v, mask, 0, v, BATCH, N, z);
        return z;
    }

    @Benchmark
    public long[] backwardBeaverTransposedMatVec() {
        RingKernels.transposeMulVec2(e, 0, v, mask, 0, v, BATCH, N, grad);
        return grad;
    }
}
