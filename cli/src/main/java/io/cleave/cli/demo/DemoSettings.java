package io.cleave.cli.demo;

import io.cleave.cli.process.Installation;
import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the demo runs, validated before any process starts: a bad file or label stops it with the
 * reader's message and nothing running.
 *
 * @param datasetName the name the memory provider publishes the data under
 * @param mode the job's protection mode: SECRET_SHARED (two compute parties), TRUSTED, or ENCLAVE (one
 *     compute party; ENCLAVE with software evidence, no hardware isolation)
 */
public record DemoSettings(Installation installation, Path data, String label, String datasetName, Dataset table,
        ModelKind model, SgdParameters sgd, long seed, double testFraction, int httpPort, Path workDir, String mode) {

    static final long SEED = 42;
    static final double TEST_FRACTION = 0.25;
    static final List<String> MODES = List.of("SECRET_SHARED", "TRUSTED", "ENCLAVE");

    public static DemoSettings of(Path data, String label, String model, int epochs, int httpPort, Path workDir) {
        Installation installation = Installation.locate();
        Path file = data != null ? data.toAbsolutePath() : installation.root().resolve("data/breast_cancer_wdbc.csv");
        String labelColumn = label != null ? label : "target";
        Dataset table = CsvDatasetReader.read(file, labelColumn);
        ModelKind kind = model != null ? ModelKind.valueOf(model.toUpperCase(Locale.ROOT))
                : Arrays.stream(table.labels()).allMatch(v -> v == 0.0 || v == 1.0) ? ModelKind.LOGISTIC : ModelKind.LINEAR;
        SgdParameters sgd = new SgdParameters(epochs, 32, kind == ModelKind.LOGISTIC ? 0.1 : 0.05, 0.0);
        return new DemoSettings(installation, file, labelColumn, datasetName(file), table, kind, sgd, SEED,
                TEST_FRACTION, httpPort, workDir.toAbsolutePath(), MODES.get(0));
    }

    /** The same demo in another protection mode: SECRET_SHARED, TRUSTED or ENCLAVE. */
    public DemoSettings withMode(String protectionMode) {
        String m = protectionMode.toUpperCase(Locale.ROOT);
        if (!MODES.contains(m)) {
            throw new IllegalArgumentException("--mode must be one of " + String.join(", ", MODES) + ", found '"
                    + protectionMode + "'");
        }
        return new DemoSettings(installation, data, label, datasetName, table, model, sgd, seed, testFraction, httpPort,
                workDir, m);
    }

    /** Whether the job runs on two secret-shared compute parties rather than one that reads the pages. */
    boolean secretShared() {
        return MODES.get(0).equals(mode);
    }

    /** A dataset name from the file name, following the broker's naming rule. */
    static String datasetName(Path file) {
        String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        base = base.isEmpty() ? "dataset" : base;
        return base.length() > 63 ? base.substring(0, 63) : base;
    }
}
