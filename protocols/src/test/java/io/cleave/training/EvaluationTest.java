package io.cleave.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void auc_handComputedExampleWithTie() {
        // Pairs (positive, negative): (0.8,0.1) (0.8,0.4) (0.8,0.35) (0.35,0.1) (0.35,0.4) (0.35,0.35 tie)
        // → wins 1+1+1+1+0+0.5 = 4.5 of 6.
        double[] p = {0.1, 0.4, 0.35, 0.8, 0.35};
        double[] y = {0, 0, 1, 1, 0};
        assertEquals(0.75, Evaluation.auc(p, y), 1e-12);
    }

    @Test
    void auc_perfectAndReversed() {
        assertEquals(1.0, Evaluation.auc(new double[] {0.1, 0.9}, new double[] {0, 1}));
        assertEquals(0.0, Evaluation.auc(new double[] {0.9, 0.1}, new double[] {0, 1}));
    }

    @Test
    void r2AndRmse_handComputed() {
        double[] y = {1, 2, 3};
        double[] p = {1, 2, 4};
        assertEquals(0.5, Evaluation.r2(p, y), 1e-12);
        assertEquals(Math.sqrt(1.0 / 3), Evaluation.rmse(p, y), 1e-12);
    }

    @Test
    void accuracy_thresholdAtHalf() {
        assertEquals(0.5, Evaluation.accuracy(new double[] {0.5, 0.49, 0.2, 0.9}, new double[] {1, 1, 1, 0}) * 2, 1e-12);
    }
}
