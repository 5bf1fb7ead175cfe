package io.cleave.mpc.bench;

import io.cleave.mpc.FixedPoint;
import io.cleave.mpc.InMemoryNetwork;
import io.cleave.mpc.JobRandomness;
import io.cleave.mpc.Participant;
import io.cleave.mpc.SecureJobSpec;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dealer's work: a whole job's triples for one epoch of 16 384 rows × 256 features in
 * batches of 1024 (mask expansion, per-step matrix–vector products, power and element-wise
 * triples, framing), and the raw AES-CTR share fill rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TripleGenerationBenchmark {
    private static final SecureJobSpec SPEC = new SecureJobSpec(ModelKind.LOGISTIC, new SgdParameters(1, 1024, 0.1, 0),
            FixedPoint.DEFAULT, 256, List.of(16_384), false);

    private final long[] shares = new long[1 << 20];

    @Benchmark
    public Object dealOneEpoch() {
        var net = InMemoryNetwork.connect(SPEC.participants(), Duration.ofSeconds(5));
        new io.cleave.mpc.Dealer(SPEC, net.get(Participant.DEALER), JobRandomness.insecureDeterministicForTesting(1))
                .run();
        return net;
    }

    /** 8 MiB of shares (2^20 ring elements) from AES-256-CTR. */
    @Benchmark
    public long[] prgFill8MiB() {
        new Prg(PrgSeed.fromWire(new byte[PrgSeed.BYTES])).fill(shares, 0, shares.length);
        return shares;
    }
}
