package io.cleave.cli.bench;

import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.training.ModelKind;
import io.cleave.training.PlaintextSgdTrainer;
import java.nio.file.Path;

/**
 * A benchmark's dataset prepared as a data owner would: rows split with the seed, standardisation
 * fitted on the training rows and applied to both parts.
 *
 * @param rows rows in the file
 */
record PreparedData(int rows, Dataset train, Dataset test) {
    /** @throws IllegalArgumentException for an unreadable file, an unknown label or labels unfit for {@code kind} */
    static PreparedData load(Path file, String label, ModelKind kind, double testFraction, long seed) {
        Dataset raw = CsvDatasetReader.read(file, label);
        PlaintextSgdTrainer.validateLabels(raw, kind);
        TrainTestSplit split = TrainTestSplit.of(raw.rows(), testFraction, seed);
        Dataset trainRaw = raw.select(split.train());
        Standardization standardization = Standardization.fit(trainRaw);
        return new PreparedData(raw.rows(), standardization.apply(trainRaw),
                standardization.apply(raw.select(split.test())));
    }
}
