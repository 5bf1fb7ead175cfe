package io.cleave.mpc;

import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TestData;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import io.cleave.training.TrainingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Shared set-up for the engine's tests: the data owner's split and standardisation, in-memory runs. */
final class Jobs {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Jobs() {
    }

    /** Train and test rows of a shipped dataset, standardised on the training rows as a data owner would. */
    record Prepared(Dataset train, Dataset test) {
    }

    static Prepared prepare(String file, String label, long seed) {
        Dataset raw = CsvDatasetReader.read(TestData.file(file), label);
        TrainTestSplit split = TrainTestSplit.of(raw.rows(), 0.25, seed);
        Dataset train = raw.select(split.train());
        Standardization st = Standardization.fit(train);
        return new Prepared(st.apply(train), st.apply(raw.select(split.test())));
    }

    static SecureJobSpec spec(ModelKind kind, SgdParameters sgd, int features, List<Integer> rows, boolean loss) {
        return new SecureJobSpec(kind, sgd, FixedPoint.DEFAULT, features, rows, loss);
    }

    static LocalSecureTraining.Result runInMemory(SecureJobSpec spec, List<Dataset> inputs, long seed) {
        Map<Participant, Transport> transports = InMemoryNetwork.connect(spec.participants(), TIMEOUT);
        return LocalSecureTraining.run(spec, inputs, transports, JobRandomness.insecureDeterministicForTesting(seed),
                TrainingListener.NONE);
    }
}
