package io.cleave.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleave.bench.JitWarmUp;
import io.cleave.bench.Medians;
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
import java.util.ArrayList;
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
 *
 * <p>Timing, as JMH would: first every measured mode trains on the training rows, untimed, until
 * the JIT is quiet (see {@link JitWarmUp}; {@code --warmup-rows 0} times a cold JVM instead), then
 * each mode is timed {@code --runs} times, alternating which goes first so that a drift in the
 * machine's load hits both, and the medians are reported. Collections are left to the JVM (see
 * {@link #settleHeap()}).
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

    @Option(names = "--warmup-rows", defaultValue = "-1",
            description = "before timing, every measured mode trains on this many training rows (same epochs and "
                    + "batch size, output discarded), again until the JIT is quiet (at most "
                    + MAX_WARMUP_RUNS + " times), so that all run compiled, as in a long-running provider; "
                    + "default: all training rows; 0: no warm-up (a cold JVM)")
    int warmupRows;

    @Option(names = "--runs", defaultValue = "3",
            description = "timed runs of each mode, alternating which goes first; train_seconds and online_seconds "
                    + "are their medians (default 3)")
    int runs;

    @Option(names = "--json", description = "JSON lines on stdout (the only output format)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds the warm-up where the JIT does not go quiet. */
    static final int MAX_WARMUP_RUNS = 5;

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
        validate();
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
        settleHeap();
        int warmupRowsUsed = warmupRows < 0 ? train.rows() : Math.min(warmupRows, train.rows());
        int warmupRuns = warmupRowsUsed == 0 ? 0 : warmUp(kind, fixedPoint, rows, train, test, warmupRowsUsed);
        List<Map<String, Object>> plain = new ArrayList<>();
        List<Map<String, Object>> secure = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            boolean plaintextFirst = run % 2 == 0;
            if (mode != Mode.secret_shared && plaintextFirst) {
                plain.add(plaintext(kind, sgd, rows, train, test));
            }
            if (mode != Mode.plaintext) {
                secure.add(secretShared(kind, sgd, fixedPoint, rows, train, test));
            }
            if (mode != Mode.secret_shared && !plaintextFirst) {
                plain.add(plaintext(kind, sgd, rows, train, test));
            }
        }
        Map<String, Object> plainLine = plain.isEmpty() ? null : medianLine(plain, warmupRowsUsed, warmupRuns);
        Map<String, Object> secureLine = secure.isEmpty() ? null : medianLine(secure, warmupRowsUsed, warmupRuns);
        if (plainLine != null) {
            print(plainLine);
        }
        if (secureLine != null) {
            print(secureLine);
        }
        if (mode == Mode.both) {
            print(compare(kind, plainLine, secureLine));
        }
        return 0;
    }

    private void validate() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, found " + runs);
        }
        if (warmupRows < -1) {
            throw new IllegalArgumentException("--warmup-rows must be 0 (no warm-up) or a number of rows, found "
                    + warmupRows);
        }
    }

    /**
     * Trains every measured mode on the first {@code n} training rows, with the measured schedule,
     * until the JIT is quiet; returns the runs made.
     */
    private int warmUp(ModelKind kind, FixedPoint fp, int rows, Dataset train, Dataset test, int n) {
        Dataset slice = n == train.rows() ? train : train.select(java.util.stream.IntStream.range(0, n).toArray());
        SgdParameters sameSchedule = new SgdParameters(epochs, Math.min(batchSize, n), learningRate, l2);
        JitWarmUp warmUp = new JitWarmUp(1, MAX_WARMUP_RUNS);
        while (warmUp.needsRound()) {
            warmUp.roundStarts();
            long start = System.nanoTime();
            if (mode != Mode.secret_shared) {
                plaintext(kind, sameSchedule, rows, slice, test);
            }
            if (mode != Mode.plaintext) {
                secretShared(kind, sameSchedule, fp, rows, slice, test);
            }
            warmUp.roundEnded(System.nanoTime() - start);
        }
        return warmUp.rounds();
    }

    /**
     * One mode's line over its timed runs: the first run's line (the model, so every metric, is the
     * same in every run: training is deterministic) with the median times, each run's time, and
     * the warm-up.
     */
    private static Map<String, Object> medianLine(List<Map<String, Object>> lines, int warmupRows, int warmupRuns) {
        Map<String, Object> line = new LinkedHashMap<>(lines.get(0));
        for (String time : List.of("train_seconds", "online_seconds")) {
            if (line.containsKey(time)) {
                line.put(time, Medians.of(lines.stream().mapToDouble(l -> (double) l.get(time)).toArray()));
            }
        }
        line.put("train_seconds_per_run", lines.stream().map(l -> l.get("train_seconds")).toList());
        line.put("warmup_rows", warmupRows);
        line.put("warmup_runs", warmupRuns);
        return line;
    }

    private Map<String, Object> plaintext(ModelKind kind, SgdParameters sgd, int rows, Dataset train, Dataset test) {
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
        line.put("mask_mode", maskMode == MaskMode.CLIENT_AIDED ? "client-aided" : "parties");
        return line;
    }

    /**
     * Collects the garbage of CSV parsing once, before the first run. Not between timed runs: a
     * forced full collection shrinks the heap and returns its memory to the OS, so the next
     * secret-shared run paid the page faults of its two 154 MB copies of E, memory a long-running
     * provider keeps (100 000 × 256: online 0.57–0.66 s with a collection before each run,
     * 0.37–0.55 s without).
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
