package io.cleave.training;

/**
 * The logistic function, exactly and as the odd degree-5 polynomial that secret-shared training
 * evaluates.
 *
 * <p>The polynomial is the least-squares fit of σ on [−8, 8] (20 001 equally spaced points):
 * {@code 0.5 + C1·z + C3·z³ + C5·z⁵}, maximum error 0.061 on the interval. Outside it the quintic
 * term dominates and the curve rises again for z &gt; 8 (falls for z &lt; −8), so its error pushes
 * scores back toward the interval instead of running away, as an odd cubic fit does on separable
 * data. Standardised features keep most scores inside.
 */
public final class Sigmoid {
    public static final double C1 = 1.91299852e-01;
    public static final double C3 = -4.59557996e-03;
    public static final double C5 = 4.22220613e-05;
    /** Half-width of the fitted interval. */
    public static final double INTERVAL = 8.0;

    private Sigmoid() {
    }

    public static double exact(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** The degree-5 polynomial approximation (see class comment). */
    public static double polynomial(double z) {
        double z2 = z * z;
        return 0.5 + z * (C1 + z2 * (C3 + z2 * C5));
    }

    /** Which form of σ a logistic trainer uses. */
    public enum Form {
        EXACT,
        POLYNOMIAL;

        public double apply(double z) {
            return this == EXACT ? exact(z) : polynomial(z);
        }
    }
}
