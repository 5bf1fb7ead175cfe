package io.cleave.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleave.dataset.Dataset;
import io.cleave.mpc.ExCacheSettings;
import io.cleave.mpc.FixedPoint;
import io.cleave.mpc.InMemoryNetwork;
import io.cleave.mpc.JobRandomness;
import io.cleave.mpc.LocalSecureTraining;
import io.cleave.mpc.MaskMode;
import io.cleave.mpc.SecureJobSpec;
import io.cleave.training.Evaluation;
import io.cleave.training.LinearModel;
import io.cleave.training.ModelKind;
import io.cleave.training.PlaintextSgdTrainer;
import io.cleave.training.SgdParameters;
import io.cleave.training.Sigmoid;
import io.cleave.training.TrainingListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cleave bench train}: trains one model in plaintext, secret-shared, or both, and prints
 * one JSON line per mode (and with {@code --mode both} a comparison line).
 *
 * <p>Like a data owner, the command splits the rows with the seed, fits the standardisation on the
 * training rows and applies it to both parts. The plaintext reference is {@code PlaintextSgdTrainer}
 * with the same σ polynomial as the secret-shared trainer, on one thread — the number of threads
 * each compute party uses here (two parties and the dealer share the machine's cores).
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train and time one model.")
public final class BenchTrainCommand implements Callable<Integer> {
    enum Model { logistic, linear }

    enum Mode { plaintext, secret_shared, both }

    enum TransportKind { loopback, inproc }

    @Option(names = "--data", required = true, description = "CSV file with a header row")
    Path data;

    @Option(names = "--label", required = true, description = "label column")
    String label;

    @Option(names = "--model", required = true, description = "logistic or linear")
    Model model;

    @Option(names = "--mode", required = true, converter = ModeConverter.class,
            description = "plaintext, secret-shared or both")
    Mode mode;

    @Option(names = "--epochs", required = true)
    int epochs;

    @Option(names = "--batch-size", required = true)
    int batchSize;

    @Option(names = "--learning-rate", required = true)
    double learningRate;

    @Option(names = "--l2", defaultValue = "0", description = "ridge penalty (default 0)")
    double l2;

    @Option(names = "--seed", required = true, description = "split and share seed")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.25")
    double testFraction;

    @Option(names = "--fraction-bits", defaultValue = "16")
    int fractionBits;

    @Option(names = "--transport", defaultValue = "loopback", description = "loopback (TCP sockets on 127.0.0.1) or inproc")
    TransportKind transport;

    @Option(names = "--mask-mode", defaultValue = "parties", converter = MaskModeConverter.class,
            description = "parties (input sharing, E opened by the parties) or client-aided (the data owner sends E)")
    MaskMode maskMode;

    @Option(names = "--warmup-rows", defaultValue = "0",
            description = "before timing, train every measured mode once on this many training rows (1 epoch, "
                    + "output discarded) so that both run JIT-compiled, as in a long-running provider; default 0: cold")
    int warmupRows;

    @Option(names = "--json", description = "JSON lines on stdout (the only output format)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return switch (value) {
                case "plaintext" -> Mode.plaintext;
                case "secret-shared" -> Mode.secret_shared;
                case "both" -> Mode.both;
                default -> throw new CommandLine.TypeConversionException(
                        "--mode must be plaintext, secret-shared or both, found '" + value + "'");
            };
        }
    }

    static final class MaskModeConverter implements CommandLine.ITypeConverter<MaskMode> {
        @Override
        public MaskMode convert(String value) {
            return switch (value) {
                case "parties" -> MaskMode.OPENED_BY_PARTIES;
                case "client-aided" -> MaskMode.CLIENT_AIDED;
                default -> throw new CommandLine.TypeConversionException(
                        "--mask-mode must be parties or client-aided, found '" + value + "'");
            };
        }
    }

    /** Bad input (file, label, hyperparameter, ring range) throws IllegalArgumentException: the launcher prints its message. */
    @Override
    public Integer call() throws JsonProcessingException {
        return benchmark();
    }

    private int benchmark() throws JsonProcessingException {
        ModelKind kind = model == Model.logistic ? ModelKind.LOGISTIC : ModelKind.LINEAR;
        SgdParameters sgd = new SgdParameters(epochs, batchSize, learningRate, l2);
        FixedPoint fixedPoint = new FixedPoint(fractionBits);
        PreparedData prepared = PreparedData.load(data, label, kind, testFraction, seed);
        Dataset train = prepared.train();
        Dataset test = prepared.test();
        int rows = prepared.rows();
        if (warmupRows > 0) {
            warmUp(kind, fixedPoint, rows, train, test);
        }
        Map<String, Object> plain = null;
        Map<String, Object> secure = null;
        if (mode != Mode.secret_shared) {
            plain = plaintext(kind, sgd, rows, train, test);
            print(plain);
        }
        if (mode != Mode.plaintext) {
            secure = secretShared(kind, sgd, fixedPoint, rows, train, test);
            print(secure);
        }
        if (mode == Mode.both) {
            print(compare(kind, plain, secure));
        }
        return 0;
    }

    private void warmUp(ModelKind kind, FixedPoint fp, int rows, Dataset train, Dataset test) {
        int n = Math.min(warmupRows, train.rows());
        Dataset slice = train.select(java.util.stream.IntStream.range(0, n).toArray());
        SgdParameters once = new SgdParameters(1, Math.min(batchSize, n), learningRate, l2);
        if (mode != Mode.secret_shared) {
            plaintext(kind, once, rows, slice, test);
        }
        if (mode != Mode.plaintext) {
            secretShared(kind, once, fp, rows, slice, test);
        }
    }

    private Map<String, Object> plaintext(ModelKind kind, SgdParameters sgd, int rows, Dataset train, Dataset test) {
        settleHeap();
        long start = System.nanoTime();
        LinearModel m = new PlaintextSgdTrainer(kind, sgd, Sigmoid.Form.POLYNOMIAL).train(train, TrainingListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> line = header("plaintext", kind, rows, train, seconds);
        line.put("threads", 1);
        metrics(line, kind, Evaluation.of(m, test));
        line.put("bytes_exchanged", 0);
        line.put("rounds", 0);
        return line;
    }

    private Map<String, Object> secretShared(ModelKind kind, SgdParameters sgd, FixedPoint fp, int rows, Dataset train,
            Dataset test) {
        SecureJobSpec job = new SecureJobSpec(kind, sgd, fp, train.featureCount(), List.of(train.rows()), false,
                maskMode);
        JobRandomness randomness = JobRandomness.insecureDeterministicForTesting(seed);
        settleHeap();
        // Client-aided: an unbounded ExCache, so E crosses once as in the parties' own opening (bench excache sizes it).
        LocalSecureTraining.Result r = transport == TransportKind.loopback
                ? LoopbackTraining.run(job, List.of(train), randomness, ExCacheSettings.UNBOUNDED)
                : LocalSecureTraining.run(job, List.of(train), InMemoryNetwork.connect(job.participants(),
                        Duration.ofMinutes(10)), randomness, TrainingListener.NONE, ExCacheSettings.UNBOUNDED);
        Map<String, Object> line = header("secret-shared", kind, rows, train, r.trainSeconds());
        line.put("threads", 1);
        line.put("online_seconds", r.onlineSeconds());
        metrics(line, kind, Evaluation.of(r.model(), test));
        line.put("bytes_exchanged", r.bytesExchanged());
        line.put("rounds", r.rounds());
        line.put("rounds_per_step", kind == ModelKind.LOGISTIC ? 4 : 2);
        line.put("rounds_per_epoch", r.roundsPerEpoch());
        line.put("bytes_per_epoch", r.bytesPerEpoch());
        line.put("fraction_bits", fp.fractionBits());
        line.put("transport", transport.name());
        line.put("warmup_rows", warmupRows);
        line.put("mask_mode", maskMode == MaskMode.CLIENT_AIDED ? "client-aided" : "parties");
        return line;
    }

    /**
     * Collects the garbage of CSV parsing and the other mode before a timed run, so neither mode
     * pays for the other's allocations.
     */
    static void settleHeap() {
        System.gc();
    }

    private Map<String, Object> header(String name, ModelKind kind, int rows, Dataset train, double seconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("mode", name);
        line.put("model", kind == ModelKind.LOGISTIC ? "logistic" : "linear");
        line.put("rows", rows);
        line.put("train_rows", train.rows());
        line.put("features", train.featureCount());
        line.put("epochs", epochs);
        line.put("batch_size", batchSize);
        line.put("train_seconds", seconds);
        return line;
    }

    private static void metrics(Map<String, Object> line, ModelKind kind, Evaluation e) {
        if (kind == ModelKind.LOGISTIC) {
            line.put("accuracy", e.accuracy());
            line.put("auc", e.auc());
        } else {
            line.put("r2", e.r2());
            line.put("rmse", e.rmse());
        }
    }

    private static Map<String, Object> compare(ModelKind kind, Map<String, Object> plain, Map<String, Object> secure) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("mode", "comparison");
        line.put("ratio_seconds", (double) secure.get("train_seconds") / (double) plain.get("train_seconds"));
        line.put("ratio_online_seconds", (double) secure.get("online_seconds") / (double) plain.get("train_seconds"));
        for (String metric : kind == ModelKind.LOGISTIC ? List.of("accuracy", "auc") : List.of("r2", "rmse")) {
            line.put(metric + "_difference", (double) secure.get(metric) - (double) plain.get(metric));
        }
        return line;
    }

    private void print(Map<String, Object> line) throws JsonProcessingException {
        spec.commandLine().getOut().println(JSON.writeValueAsString(line));
        spec.commandLine().getOut().flush();
    }
}
