package io.cleave.cli.bench;

import io.cleave.dataset.SeededRandom;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cleave bench synth}: a synthetic logistic dataset for scaling runs. Features are
 * independent N(0, s_c²) with per-column scales s_c in [0.5, 2] (so standardisation matters);
 * the label is Bernoulli(σ(x·w* + b*)) with w* ~ N(0, 1/D)·3 — separable enough to learn, noisy
 * enough not to be trivial. Columns {@code f0..f(D−1)}, then {@code label}. Deterministic in the seed.
 */
@Command(name = "synth", mixinStandardHelpOptions = true, description = "Write a synthetic logistic dataset as CSV.")
public final class BenchSynthCommand implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "data rows, 2..10 000 000")
    int rows;

    @Option(names = "--features", required = true, description = "feature columns, 1..10 000")
    int features;

    @Option(names = "--seed", required = true, description = "generator seed")
    long seed;

    @Option(names = "--out", required = true, description = "CSV file to write")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (rows < 2 || rows > 10_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be in [2, 10000000], found " + rows);
        }
        if (features < 1 || features > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--features must be in [1, 10000], found " + features);
        }
        SeededRandom random = new SeededRandom(seed);
        double[] scale = new double[features];
        double[] weights = new double[features];
        for (int c = 0; c < features; c++) {
            scale[c] = 0.5 + 1.5 * uniform(random);
            weights[c] = 3 * gaussian(random) / Math.sqrt(features);
        }
        double bias = 0.5 * gaussian(random);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < features; c++) {
                line.append('f').append(c).append(',');
            }
            w.append(line).append("label\n");
            double[] x = new double[features];
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                double score = bias;
                for (int c = 0; c < features; c++) {
                    x[c] = Math.round(gaussian(random) * 1e4) / 1e4;
                    score += weights[c] * x[c];
                    appendFixed(line, x[c] * scale[c]).append(',');
                }
                line.append(uniform(random) < 1 / (1 + Math.exp(-score)) ? '1' : '0').append('\n');
                w.append(line);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("{\"rows\":" + rows + ",\"features\":" + features + ",\"seed\":" + seed + ",\"out\":\"" + out + "\"}");
        o.flush();
        return 0;
    }

    private static double uniform(SeededRandom random) {
        return (random.nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Box–Muller; one of the pair is discarded for simplicity. */
    private static double gaussian(SeededRandom random) {
        double u = 1 - uniform(random);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform(random));
    }

    /** Four decimals without {@code String.format}, which is slow for millions of cells. */
    private static StringBuilder appendFixed(StringBuilder sb, double v) {
        long scaled = Math.round(v * 1e4);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / 10_000).append('.');
        String frac = Long.toString(scaled % 10_000);
        sb.append("0000", 0, 4 - frac.length()).append(frac);
        return sb;
    }
}
