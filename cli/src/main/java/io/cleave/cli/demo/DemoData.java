package io.cleave.cli.demo;

import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.training.Evaluation;
import io.cleave.training.LinearModel;
import io.cleave.training.PlaintextSgdTrainer;
import io.cleave.training.Sigmoid;
import io.cleave.training.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's data as the two hospitals hold it: the CSV's rows dealt alternately into two halves,
 * one file each (alternately, so that a file sorted by its label still gives each hospital a
 * similar mix, as two hospitals' patients would be).
 * Each memory provider standardises its own half and holds out its own seeded test rows, so the
 * recipients evaluate the model on the union of both halves' test rows, and the plaintext
 * reference trains on exactly the rows the secret-shared job trained on, in the same order.
 */
final class DemoData {
    private final DemoSettings settings;
    private final List<Path> halves = new ArrayList<>();

    DemoData(DemoSettings settings) {
        this.settings = settings;
    }

    /** Writes the two halves (header repeated) under the work folder; returns their files. */
    List<Path> split() {
        try {
            List<String> lines = Files.readAllLines(settings.data());
            Path dir = settings.workDir().resolve("data");
            Files.createDirectories(dir);
            for (int part = 0; part < 2; part++) {
                List<String> out = new ArrayList<>();
                out.add(lines.get(0));
                for (int row = 1 + part; row < lines.size(); row += 2) {
                    out.add(lines.get(row));
                }
                Path file = dir.resolve(settings.datasetName() + ".csv").resolveSibling(
                        (part == 0 ? "part-a-" : "part-b-") + settings.datasetName() + ".csv");
                Files.write(file, out);
                halves.add(file);
            }
            return List.copyOf(halves);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot split " + settings.data() + " between the two hospitals", e);
        }
    }

    /** The held-out rows of both hospitals, each standardised as its own provider does. */
    Dataset testRows() {
        return partition(false);
    }

    /** The same rows trained in plaintext (same seed, same order, the same polynomial sigmoid). */
    Evaluation plaintextReference() {
        LinearModel model = new PlaintextSgdTrainer(settings.model(), settings.sgd(), Sigmoid.Form.POLYNOMIAL).train(partition(true),
                TrainingListener.NONE);
        return Evaluation.of(model, testRows());
    }

    private Dataset partition(boolean train) {
        List<Dataset> parts = new ArrayList<>();
        for (Path file : halves) {
            Dataset standardised = Standardization.fit(CsvDatasetReader.read(file, settings.label()))
                    .apply(CsvDatasetReader.read(file, settings.label()));
            TrainTestSplit split = TrainTestSplit.of(standardised.rows(), settings.testFraction(), settings.seed());
            parts.add(standardised.select(train ? split.train() : split.test()));
        }
        return Dataset.concat(parts);
    }
}
