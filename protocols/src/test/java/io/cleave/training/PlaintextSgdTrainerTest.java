package io.cleave.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.dataset.CsvDatasetReader;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TestData;
import io.cleave.dataset.TrainTestSplit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaintextSgdTrainerTest {

    private static Evaluation trainAndEvaluate(String file, String label, ModelKind kind, SgdParameters p,
            List<Double> losses) {
        Dataset raw = CsvDatasetReader.read(TestData.file(file), label);
        Dataset data = Standardization.fit(raw).apply(raw);
        TrainTestSplit split = TrainTestSplit.of(data.rows(), 0.25, 42);
        LinearModel model = new PlaintextSgdTrainer(kind, p).train(data.select(split.train()),
                (epoch, epochs, step, steps, loss) -> losses.add(loss));
        return Evaluation.of(model, data.select(split.test()));
    }

    @Test
    void train_breastCancer_reachesSklearnLevelAccuracy() {
        List<Double> losses = new ArrayList<>();
        Evaluation e = trainAndEvaluate("breast_cancer_wdbc.csv", "target", ModelKind.LOGISTIC,
                new SgdParameters(20, 32, 0.1, 0.0), losses);
        assertTrue(e.accuracy() >= 0.95, "accuracy " + e.accuracy());
        assertTrue(e.auc() >= 0.98, "auc " + e.auc());
        assertEquals(20, losses.size());
        assertTrue(losses.get(19) < losses.get(0) / 2, "loss should fall: " + losses);
    }

    @Test
    void train_concrete_linearExplainsMostVariance() {
        Evaluation e = trainAndEvaluate("concrete.csv", "compressive_strength", ModelKind.LINEAR,
                new SgdParameters(50, 32, 0.05, 0.0), new ArrayList<>());
        // Ordinary least squares on these 8 raw features reaches R² ≈ 0.6 (Yeh 2006 reports the linear baseline there).
        assertTrue(e.r2() > 0.55 && e.r2() < 0.7, "r2 " + e.r2());
    }

    @Test
    void train_nonBinaryLabel_refusedNamingRow() {
        Dataset d = new Dataset(List.of("a"), "y", new double[] {1, 2, 3}, new double[] {0, 1, 2});
        String message = assertThrows(IllegalArgumentException.class,
                () -> new PlaintextSgdTrainer(ModelKind.LOGISTIC, new SgdParameters(1, 1, 0.1, 0)).train(d,
                        TrainingListener.NONE)).getMessage();
        assertEquals("logistic regression needs labels 0 or 1; label 'y' of data row 3 is 2.0", message);
    }

    @Test
    void train_isDeterministic() {
        Dataset d = new Dataset(List.of("a", "b"), "y", new double[] {1, 0, 0, 1, 1, 1, -1, 0}, new double[] {1, 0, 1, 0});
        SgdParameters p = new SgdParameters(3, 3, 0.5, 0.01);
        assertEquals(new PlaintextSgdTrainer(ModelKind.LOGISTIC, p).train(d, TrainingListener.NONE),
                new PlaintextSgdTrainer(ModelKind.LOGISTIC, p).train(d, TrainingListener.NONE));
    }

    @Test
    void sgdParameters_zeroEpochs_refused() {
        assertEquals("epochs must be in [1, 10000], found 0",
                assertThrows(IllegalArgumentException.class, () -> new SgdParameters(0, 1, 0.1, 0)).getMessage());
    }
}
