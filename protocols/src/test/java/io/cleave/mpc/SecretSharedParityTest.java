package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.training.Evaluation;
import io.cleave.training.LinearModel;
import io.cleave.training.ModelKind;
import io.cleave.training.PlaintextSgdTrainer;
import io.cleave.training.SgdParameters;
import io.cleave.training.Sigmoid;
import io.cleave.training.TrainingListener;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The secret-shared trainer against the plaintext reference with the same data order,
 * hyperparameters, initialisation and σ polynomial: the only differences left are fixed-point
 * rounding and truncation, which must not move the held-out metrics.
 */
class SecretSharedParityTest {

    @ParameterizedTest(name = "{0} epochs={2} batch={3} lr={4}")
    @CsvSource({
        "breast_cancer_wdbc.csv, target, 20, 32, 0.1, 0.0",
        "pima_diabetes.csv, class, 10, 32, 0.1, 0.0",
        "pima_diabetes.csv, class, 5, 64, 0.2, 0.01",
    })
    void logistic_matchesPlaintextWithinHalfPoint(String file, String label, int epochs, int batch, double lr,
            double l2) {
        Jobs.Prepared data = Jobs.prepare(file, label, 42);
        SgdParameters sgd = new SgdParameters(epochs, batch, lr, l2);
        LinearModel reference = new PlaintextSgdTrainer(ModelKind.LOGISTIC, sgd, Sigmoid.Form.POLYNOMIAL)
                .train(data.train(), TrainingListener.NONE);
        SecureJobSpec spec = Jobs.spec(ModelKind.LOGISTIC, sgd, data.train().featureCount(),
                List.of(data.train().rows()), false);
        LinearModel secure = Jobs.runInMemory(spec, List.of(data.train()), 7).model();
        Evaluation ref = Evaluation.of(reference, data.test());
        Evaluation got = Evaluation.of(secure, data.test());
        assertTrue(Math.abs(ref.accuracy() - got.accuracy()) <= 0.005, "accuracy " + got + " vs " + ref);
        assertTrue(Math.abs(ref.auc() - got.auc()) <= 0.005, "auc " + got + " vs " + ref);
        assertWeightsClose(reference, secure, 2e-2);
    }

    @ParameterizedTest(name = "{0} epochs={2} batch={3} lr={4}")
    @CsvSource({
        "diabetes_regression.csv, target, 50, 32, 0.05, 0.0",
        "concrete.csv, compressive_strength, 50, 32, 0.05, 0.001",
    })
    void linear_matchesPlaintextR2WithinHundredth(String file, String label, int epochs, int batch, double lr,
            double l2) {
        Jobs.Prepared data = Jobs.prepare(file, label, 42);
        SgdParameters sgd = new SgdParameters(epochs, batch, lr, l2);
        List<Double> referenceLosses = new java.util.ArrayList<>();
        LinearModel reference = new PlaintextSgdTrainer(ModelKind.LINEAR, sgd).train(data.train(),
                (epoch, total, step, steps, loss) -> referenceLosses.add(loss));
        SecureJobSpec spec = Jobs.spec(ModelKind.LINEAR, sgd, data.train().featureCount(),
                List.of(data.train().rows()), true);
        LocalSecureTraining.Result result = Jobs.runInMemory(spec, List.of(data.train()), 7);
        LinearModel secure = result.model();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double expected = referenceLosses.get(epoch);
            double opened = result.epochLosses().get(epoch);
            assertTrue(Math.abs(opened - expected) <= 0.01 * expected, "epoch " + (epoch + 1) + " loss " + opened
                    + " vs " + expected);
        }
        Evaluation ref = Evaluation.of(reference, data.test());
        Evaluation got = Evaluation.of(secure, data.test());
        assertTrue(Math.abs(ref.r2() - got.r2()) <= 0.01, "r2 " + got + " vs " + ref);
        assertWeightsClose(reference, secure, 0.05);
    }

    @Test
    void logistic_clientAidedMask_matchesPlaintext() {
        Jobs.Prepared data = Jobs.prepare("pima_diabetes.csv", "class", 42);
        SgdParameters sgd = new SgdParameters(10, 32, 0.1, 0);
        SecureJobSpec spec = new SecureJobSpec(ModelKind.LOGISTIC, sgd, FixedPoint.DEFAULT,
                data.train().featureCount(), List.of(data.train().rows()), false, MaskMode.CLIENT_AIDED);
        LinearModel secure = Jobs.runInMemory(spec, List.of(data.train()), 11).model();
        LinearModel reference = new PlaintextSgdTrainer(ModelKind.LOGISTIC, sgd, Sigmoid.Form.POLYNOMIAL)
                .train(data.train(), TrainingListener.NONE);
        assertWeightsClose(reference, secure, 2e-2);
        Evaluation ref = Evaluation.of(reference, data.test());
        Evaluation got = Evaluation.of(secure, data.test());
        assertTrue(Math.abs(ref.accuracy() - got.accuracy()) <= 0.005, "accuracy " + got + " vs " + ref);
        assertTrue(Math.abs(ref.auc() - got.auc()) <= 0.005, "auc " + got + " vs " + ref);
    }

    /** Two data organisations sharing halves of the rows (same schema) train the same model as one. */
    @Test
    void logistic_twoInputParties_matchPlaintextOnTheConcatenatedRows() {
        Jobs.Prepared data = Jobs.prepare("breast_cancer_wdbc.csv", "target", 42);
        int half = data.train().rows() / 2;
        int[] first = java.util.stream.IntStream.range(0, half).toArray();
        int[] second = java.util.stream.IntStream.range(half, data.train().rows()).toArray();
        SgdParameters sgd = new SgdParameters(10, 32, 0.1, 0);
        SecureJobSpec spec = Jobs.spec(ModelKind.LOGISTIC, sgd, data.train().featureCount(),
                List.of(first.length, second.length), false);
        LinearModel secure = Jobs.runInMemory(spec, List.of(data.train().select(first), data.train().select(second)), 3)
                .model();
        LinearModel reference = new PlaintextSgdTrainer(ModelKind.LOGISTIC, sgd, Sigmoid.Form.POLYNOMIAL)
                .train(data.train(), TrainingListener.NONE);
        assertWeightsClose(reference, secure, 2e-2);
        assertEquals(Evaluation.of(reference, data.test()).accuracy(), Evaluation.of(secure, data.test()).accuracy());
    }

    private static void assertWeightsClose(LinearModel expected, LinearModel actual, double tolerance) {
        double[] e = expected.weights();
        double[] a = actual.weights();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= tolerance, "weight " + i + ": " + a[i] + " vs " + e[i]);
        }
        assertTrue(Math.abs(expected.bias() - actual.bias()) <= tolerance,
                "bias: " + actual.bias() + " vs " + expected.bias());
    }
}
