package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.VerifiedClaims;
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
 * Cost of verifying one SEV-SNP report (Trustee's Milan VCEK set with its chain file) and of
 * parsing one. Run after {@code ./mvnw -pl attestation -am test-compile}:
 * {@code java -cp attestation/target/test-classes:attestation/target/classes:<test classpath>
 * org.openjdk.jmh.Main SevSnpVerifierBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SevSnpVerifierBenchmark {
    private SevSnpVerifier verifier;
    private Evidence.SevSnp evidence;
    private byte[] report;

    @Setup
    public void setUp() {
        verifier = SevSnpVerifier.create(Vectors.clockAt(Vectors.PINNED));
        evidence = Vectors.byId("trustee/milan-vcek").evidence();
        report = evidence.report();
    }

    @Benchmark
    public VerifiedClaims verifyReportAndChain() throws AttestationException {
        return verifier.verify(evidence);
    }

    @Benchmark
    public SevSnpReport parseReport() throws AttestationException {
        return SevSnpReport.parse(report);
    }
}
