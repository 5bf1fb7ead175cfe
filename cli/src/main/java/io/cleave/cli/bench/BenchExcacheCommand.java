package io.cleave.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleave.bench.Medians;
import io.cleave.dataset.Dataset;
import io.cleave.mpc.ExCacheSettings;
import io.cleave.mpc.ExCacheStats;
import io.cleave.mpc.FixedPoint;
import io.cleave.mpc.JobRandomness;
import io.cleave.mpc.LocalSecureTraining;
import io.cleave.mpc.MaskMode;
import io.cleave.mpc.SecureJobSpec;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cleave bench excache}: training throughput of a client-aided secret-shared job with each
 * compute party's ExCache sized to fractions of the dataset's E (and mask share), over real
 * loopback sockets, the data owner serving E from its own thread. The settings run side by side:
 * each round runs every setting once, in an order rotated by one per round, after one untimed
 * warm-up run of each; one JSON line per setting reports the median over the rounds and its ratio
 * to the fully cached setting.
 *
 * <p>Throughput counts the online phase (E served on demand and training; the dealer's phase is the
 * same for every setting): training rows × epochs per second.
 */
@Command(name = "excache", mixinStandardHelpOptions = true,
        description = "Training throughput with the ExCache at fractions of the dataset's pages.")
public final class BenchExcacheCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", required = true, description = "CSV file with a header row")
    Path data;

    @Option(names = "--label", required = true, description = "label column")
    String label;

    @Option(names = "--model", defaultValue = "logistic", description = "logistic or linear (default logistic)")
    BenchTrainCommand.Model model;

    @Option(names = "--epochs", defaultValue = "10")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.1")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", description = "split and share seed")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.25")
    double testFraction;

    @Option(names = "--tile", defaultValue = "1", description = "train on the training rows repeated this many "
            + "times (the shipped datasets are small: a bigger E makes 25 % a working set of many blocks)")
    int tile;

    @Option(names = "--block-rows", defaultValue = "" + ExCacheSettings.DEFAULT_BLOCK_ROWS,
            description = "rows per cached block (default: the compute provider's, 128)")
    int blockRows;

    @Option(names = "--prefetch-blocks", defaultValue = "" + ExCacheSettings.DEFAULT_PREFETCH_BLOCKS,
            description = "blocks requested ahead of the step in progress")
    int prefetchBlocks;

    @Option(names = "--fractions", defaultValue = "0.25,0.5,1", split = ",",
            description = "cache sizes as fractions of the dataset's E and mask share, in (0, 1]; must include 1")
    double[] fractions;

    @Option(names = "--rounds", defaultValue = "5", description = "timed runs of each setting")
    int rounds;

    @Option(names = "--json", description = "JSON lines on stdout (the only output format)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Bad input throws IllegalArgumentException: the launcher prints its message. */
    @Override
    public Integer call() throws JsonProcessingException {
        validate();
        ModelKind kind = model == BenchTrainCommand.Model.logistic ? ModelKind.LOGISTIC : ModelKind.LINEAR;
        Dataset train = tiled(PreparedData.load(data, label, kind, testFraction, seed).train());
        SecureJobSpec job = new SecureJobSpec(kind, new SgdParameters(epochs, batchSize, learningRate, 0),
                FixedPoint.DEFAULT, train.featureCount(), List.of(train.rows()), false, MaskMode.CLIENT_AIDED);
        long datasetBytes = (long) job.rows() * job.features() * ExCacheSettings.ELEMENT_BYTES;
        List<ExCacheSettings> settings = new ArrayList<>();
        for (double fraction : fractions) {
            settings.add(new ExCacheSettings((long) Math.ceil(fraction * datasetBytes), blockRows, prefetchBlocks));
        }
        for (ExCacheSettings cache : settings) {
            run(job, train, cache);
        }
        double[][] seconds = new double[settings.size()][rounds];
        ExCacheStats[] stats = new ExCacheStats[settings.size()];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < settings.size(); k++) {
                int s = (k + round) % settings.size();
                LocalSecureTraining.Result r = run(job, train, settings.get(s));
                seconds[s][round] = r.onlineSeconds();
                stats[s] = r.cache0().orElseThrow();
            }
        }
        double fullThroughput = throughput(job, seconds[indexOfFull()]);
        for (int s = 0; s < settings.size(); s++) {
            print(line(job, datasetBytes, fractions[s], settings.get(s), seconds[s], stats[s], fullThroughput));
        }
        return 0;
    }

    private void validate() {
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("--fractions must each be in (0, 1], found " + f);
            }
        }
        indexOfFull();
        if (tile < 1) {
            throw new IllegalArgumentException("--tile must be at least 1, found " + tile);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, found " + rounds);
        }
    }

    private int indexOfFull() {
        for (int s = 0; s < fractions.length; s++) {
            if (fractions[s] == 1) {
                return s;
            }
        }
        throw new IllegalArgumentException("--fractions must include 1 (the fully cached reference), found "
                + Arrays.toString(fractions));
    }

    private LocalSecureTraining.Result run(SecureJobSpec job, Dataset train, ExCacheSettings cache) {
        BenchTrainCommand.settleHeap();
        return LoopbackTraining.run(job, List.of(train), JobRandomness.insecureDeterministicForTesting(seed), cache);
    }

    private Dataset tiled(Dataset train) {
        return train.select(IntStream.range(0, train.rows() * tile).map(i -> i % train.rows()).toArray());
    }

    private static double throughput(SecureJobSpec job, double[] seconds) {
        return (double) job.rows() * job.sgd().epochs() / Medians.of(seconds);
    }

    private Map<String, Object> line(SecureJobSpec job, long datasetBytes, double fraction, ExCacheSettings cache,
            double[] seconds, ExCacheStats stats, double fullThroughput) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("mode", "excache");
        line.put("cache_fraction", fraction);
        line.put("capacity_bytes", cache.capacityBytes());
        line.put("dataset_bytes", datasetBytes);
        line.put("block_rows", blockRows);
        line.put("prefetch_blocks", prefetchBlocks);
        line.put("tile", tile);
        line.put("train_rows", job.rows());
        line.put("features", job.features());
        line.put("epochs", epochs);
        line.put("batch_size", batchSize);
        line.put("rounds", rounds);
        line.put("online_seconds", seconds);
        line.put("median_online_seconds", Medians.of(seconds));
        double throughput = throughput(job, seconds);
        line.put("rows_per_second", throughput);
        line.put("ratio_to_full", throughput / fullThroughput);
        line.put("hits", stats.hits());
        line.put("misses", stats.misses());
        line.put("hit_rate", stats.hitRate());
        line.put("fetched_bytes", stats.fetchedBytes());
        line.put("peak_resident_bytes", stats.peakResidentBytes());
        line.put("transport", "loopback");
        return line;
    }

    private void print(Map<String, Object> line) throws JsonProcessingException {
        spec.commandLine().getOut().println(JSON.writeValueAsString(line));
        spec.commandLine().getOut().flush();
    }
}
