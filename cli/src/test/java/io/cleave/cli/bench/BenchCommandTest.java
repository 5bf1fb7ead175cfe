package io.cleave.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleave.cli.CleaveCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private static Run run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CleaveCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, lines, err.toString());
    }

    @Test
    void synthThenTrainBoth_printsOneLinePerModeAndComparison() throws Exception {
        Path csv = dir.resolve("synth.csv");
        Run synth = run("bench", "synth", "--rows", "600", "--features", "8", "--seed", "3", "--out", csv.toString());
        assertEquals(0, synth.exit(), synth.err());
        assertEquals(601, Files.readAllLines(csv).size());
        assertEquals("f0,f1,f2,f3,f4,f5,f6,f7,label", Files.readAllLines(csv).get(0));

        Run train = run("bench", "train", "--data", csv.toString(), "--label", "label", "--model", "logistic", "--mode",
                "both", "--epochs", "3", "--batch-size", "32", "--learning-rate", "0.1", "--seed", "7",
                "--test-fraction", "0.25", "--transport", "inproc", "--json");
        assertEquals(0, train.exit(), train.err());
        assertEquals(3, train.lines().size());
        JsonNode plain = train.lines().get(0);
        JsonNode secure = train.lines().get(1);
        JsonNode comparison = train.lines().get(2);
        assertEquals("plaintext", plain.get("mode").asText());
        assertEquals("secret-shared", secure.get("mode").asText());
        for (JsonNode line : List.of(plain, secure)) {
            for (String field : List.of("mode", "model", "rows", "features", "epochs", "train_seconds", "accuracy", "auc",
                    "bytes_exchanged", "rounds")) {
                assertTrue(line.has(field), field + " missing in " + line);
            }
            assertEquals(600, line.get("rows").asInt());
            assertEquals(8, line.get("features").asInt());
            double[] perRun = new double[3];
            for (int i = 0; i < 3; i++) {
                perRun[i] = line.get("train_seconds_per_run").get(i).asDouble();
            }
            assertEquals(3, line.get("train_seconds_per_run").size(), "three timed runs by default: " + line);
            java.util.Arrays.sort(perRun);
            assertEquals(perRun[1], line.get("train_seconds").asDouble(), 0, "train_seconds is the median run");
            assertEquals(450, line.get("warmup_rows").asInt(), "the warm-up trains on every training row");
            int warmupRuns = line.get("warmup_runs").asInt();
            assertTrue(warmupRuns >= 1 && warmupRuns <= 5, "warm-up until the JIT is quiet, 1 to 5 runs: " + line);
        }
        assertTrue(secure.get("online_seconds").asDouble() > 0);
        assertTrue(secure.get("bytes_exchanged").asLong() > 450 * 8 * 8, "the mask opening alone is rows × features");
        assertEquals(3 * 15 * 4 + 1, secure.get("rounds").asInt(), "4 rounds per step, 15 steps per epoch, 1 to open E");
        assertEquals(secure.get("train_seconds").asDouble() / plain.get("train_seconds").asDouble(),
                comparison.get("ratio_seconds").asDouble(), 1e-9);
        assertTrue(Math.abs(comparison.get("accuracy_difference").asDouble()) <= 0.005, comparison.toString());
    }

    @Test
    void trainLinearSecretSharedOverLoopback_printsR2AndRmse() throws Exception {
        Path csv = dir.resolve("lin.csv");
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            double a = (i % 17) - 8;
            double b = (i % 5) * 0.5;
            sb.append(a).append(',').append(b).append(',').append(2 * a - b + 3 + (i % 3) * 0.1).append('\n');
        }
        Files.writeString(csv, sb);
        Run train = run("bench", "train", "--data", csv.toString(), "--label", "y", "--model", "linear", "--mode",
                "secret-shared", "--epochs", "20", "--batch-size", "16", "--learning-rate", "0.1", "--seed", "1",
                "--warmup-rows", "0", "--runs", "1", "--json");
        assertEquals(0, train.exit(), train.err());
        JsonNode line = train.lines().get(0);
        assertEquals("loopback", line.get("transport").asText());
        assertEquals(0, line.get("warmup_runs").asInt(), "--warmup-rows 0 times a cold JVM");
        assertEquals(1, line.get("train_seconds_per_run").size());
        assertEquals(line.get("train_seconds_per_run").get(0).asDouble(), line.get("train_seconds").asDouble(), 0);
        assertTrue(line.get("r2").asDouble() > 0.95, line.toString());
        assertTrue(line.has("rmse"));
    }

    @Test
    void train_fractionBitsOutOfRange_failsWithMessage() throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, "a,y\n1,0\n2,1\n3,0\n4,1\n");
        Run r = run("bench", "train", "--data", csv.toString(), "--label", "y", "--model", "logistic", "--mode",
                "secret-shared", "--epochs", "1", "--batch-size", "2", "--learning-rate", "0.1", "--seed", "1",
                "--fraction-bits", "40", "--json");
        assertEquals(1, r.exit());
        assertEquals("cleave: fraction bits must be in [8, 20] for the 64-bit ring, found 40", r.err().strip());
    }

    @Test
    void train_noTimedRun_failsWithMessage() throws Exception {
        Path csv = dir.resolve("ok.csv");
        Files.writeString(csv, "a,y\n1,0\n2,1\n3,0\n4,1\n");
        Run r = run("bench", "train", "--data", csv.toString(), "--label", "y", "--model", "logistic", "--mode",
                "both", "--epochs", "1", "--batch-size", "2", "--learning-rate", "0.1", "--seed", "1", "--runs", "0",
                "--json");
        assertEquals(1, r.exit());
        assertEquals("cleave: --runs must be at least 1, found 0", r.err().strip());
        assertEquals(List.of(), r.lines());
    }

    @Test
    void train_unknownMode_failsWithMessage() throws Exception {
        Run r = run("bench", "train", "--data", "x.csv", "--label", "y", "--model", "logistic", "--mode", "fast",
                "--epochs", "1", "--batch-size", "1", "--learning-rate", "0.1", "--seed", "1", "--json");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--mode must be plaintext, secret-shared or both, found 'fast'"), r.err());
    }

    @Test
    void train_nonNumericCell_failsBeforeTraining() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,y\n1,0\nx,1\n2,0\n");
        Run r = run("bench", "train", "--data", csv.toString(), "--label", "y", "--model", "logistic", "--mode", "both",
                "--epochs", "1", "--batch-size", "1", "--learning-rate", "0.1", "--seed", "1", "--json");
        assertEquals(1, r.exit());
        assertEquals("cleave: bad.csv line 3 column 'a': not a number: 'x'", r.err().strip());
        assertEquals(List.of(), r.lines());
    }

    /** Each setting's line: its cache fraction in order, the full cache its own reference, fewer hits when smaller. */
    @Test
    void excache_printsOneLinePerCacheFraction() throws Exception {
        Path csv = dir.resolve("synth.csv");
        assertEquals(0, run("bench", "synth", "--rows", "400", "--features", "6", "--seed", "3", "--out",
                csv.toString()).exit());
        Run r = run("bench", "excache", "--data", csv.toString(), "--label", "label", "--epochs", "2", "--rounds", "1",
                "--block-rows", "8", "--prefetch-blocks", "2", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of(0.25, 0.5, 1.0), r.lines().stream().map(l -> l.get("cache_fraction").asDouble()).toList());
        JsonNode full = r.lines().get(2);
        assertEquals(1.0, full.get("ratio_to_full").asDouble());
        assertEquals(300 * 6 * 8, full.get("fetched_bytes").asLong(), "a full cache fetches E once");
        assertTrue(r.lines().get(0).get("hit_rate").asDouble() < full.get("hit_rate").asDouble(), r.lines().toString());
        for (JsonNode line : r.lines()) {
            assertTrue(line.get("peak_resident_bytes").asLong() <= line.get("capacity_bytes").asLong(), line.toString());
        }
    }

    @Test
    void excache_fractionsWithoutTheFullCache_failsWithMessage() throws Exception {
        Run r = run("bench", "excache", "--data", "x.csv", "--label", "y", "--fractions", "0.25,0.5", "--json");
        assertEquals(1, r.exit());
        assertEquals("cleave: --fractions must include 1 (the fully cached reference), found [0.25, 0.5]",
                r.err().strip());
    }
}
