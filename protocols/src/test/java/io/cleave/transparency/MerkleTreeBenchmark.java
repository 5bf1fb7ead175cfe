package io.cleave.transparency;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
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
 * The verifiable log at one million leaves: building it, roots of past sizes, proofs, proof
 * verification, and the offline verification of a whole export. Not a test; run it on the
 * test classpath:
 *
 * <pre>
 * ./mvnw -B -q -o -pl protocols test-compile
 * ./mvnw -B -q -o -pl protocols dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/cp.txt
 * cd protocols &amp;&amp; java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main MerkleTreeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class MerkleTreeBenchmark {

  /** Not a power of two, so proofs and roots also hash the incomplete right border. */
  static final int LEAVES = 1_000_000;
  private static final String ORIGIN = "bench.cleave.example/audit";

  private MerkleTree tree;
  private List<byte[]> records;
  private String checkpoint;
  private NoteVerifierKey verifierKey;
  private final SplittableRandom random = new SplittableRandom(42);

  @Setup
  public void build() {
    records = new ArrayList<>(LEAVES);
    for (int i = 0; i < LEAVES; i++) {
      records.add(record(i));
    }
    tree = buildTree(records);
    NoteSigningKey key = NoteSigningKey.generate(ORIGIN);
    verifierKey = key.verifierKey();
    checkpoint = new CheckpointSigner(key).sign(new Checkpoint(ORIGIN, LEAVES, tree.root()));
  }

  /** Appending one million 64-byte records (leaf hashing included), from empty. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2, batchSize = 1)
  @Measurement(iterations = 5, batchSize = 1)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public MerkleTree append1M() {
    return buildTree(records);
  }

  /** Offline verification of a one-million-record export against its signed checkpoint. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2, batchSize = 1)
  @Measurement(iterations = 5, batchSize = 1)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Checkpoint logVerify1M() throws GeneralSecurityException {
    return LogVerifier.verify(records, checkpoint, verifierKey);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] rootOfPastSize() {
    return tree.root(1 + random.nextInt(LEAVES));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<byte[]> inclusionProof() {
    return tree.inclusionProof(random.nextInt(LEAVES), LEAVES);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<byte[]> consistencyProof() {
    return tree.consistencyProof(1 + random.nextInt(LEAVES - 1), LEAVES);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] inclusionProofAndVerify() throws ProofException {
    int index = random.nextInt(LEAVES);
    byte[] root = tree.root(LEAVES);
    ProofVerifier.verifyInclusion(Rfc6962.leafHash(records.get(index)), index, LEAVES,
        tree.inclusionProof(index, LEAVES), root);
    return root;
  }

  private static MerkleTree buildTree(List<byte[]> leaves) {
    MerkleTree fresh = MerkleTree.inMemory();
    leaves.forEach(fresh::appendLeaf);
    return fresh;
  }

  private static byte[] record(int i) {
    return ByteBuffer.allocate(64).putInt(i).putLong(i * 0x9E3779B97F4A7C15L).array();
  }
}
