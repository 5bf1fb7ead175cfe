package io.cleave.training;

/** The logistic function, computed without overflow for large |x|. */
public final class Sigmoid {
    private Sigmoid() {
    }

    public static double exact(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
