package io.cleave.mpc.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented failure probability of local truncation, 2^(ℓ+1−64) for |x| &lt; 2^ℓ, measured
 * where it is large enough to count: failures must happen (nothing hides them) and stay within
 * the bound.
 */
class TruncationBoundTest {
    private static final int TRIALS = 200_000;

    @ParameterizedTest
    @ValueSource(ints = {52, 56, 60})
    void truncate_failureRate_withinDocumentedBound(int valueBits) {
        SplittableRandom random = new SplittableRandom(valueBits);
        int failures = 0;
        for (int i = 0; i < TRIALS; i++) {
            long x = random.nextLong(-(1L << valueBits) + 1, 1L << valueBits);
            long share1 = random.nextLong();
            long sum = Truncation.truncate(x - share1, 16, 0) + Truncation.truncate(share1, 16, 1);
            if (Math.abs(sum - Math.floorDiv(x, 1L << 16)) > 1) {
                failures++;
            }
        }
        double bound = Math.scalb(1.0, valueBits + 1 - 64);
        double rate = (double) failures / TRIALS;
        // 4 standard deviations of slack over the bound for a binomial count.
        double slack = 4 * Math.sqrt(bound * TRIALS) / TRIALS;
        assertTrue(rate <= bound + slack, "rate " + rate + " > bound " + bound);
        assertTrue(failures > 0 && rate >= bound / 8, "failures must not be hidden: rate " + rate + ", bound " + bound);
    }
}
