package io.cleave.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchHelpersTest {
    @Test
    void median_oddEvenAndEmpty() {
        assertEquals(3.0, Medians.of(5, 1, 3));
        assertEquals(2.5, Medians.of(4, 1, 3, 2));
        assertEquals(7.0, Medians.of(7));
        assertEquals("the median of no values",
                assertThrows(IllegalArgumentException.class, Medians::of).getMessage());
    }

    /** Whatever the JIT does, the warm-up runs at least min and at most max rounds. */
    @Test
    void warmUp_staysWithinItsBounds() {
        JitWarmUp warmUp = new JitWarmUp(2, 4);
        while (warmUp.needsRound()) {
            warmUp.roundStarts();
            warmUp.roundEnded(1);
        }
        assertTrue(warmUp.rounds() >= 2 && warmUp.rounds() <= 4, "rounds: " + warmUp.rounds());
        JitWarmUp none = new JitWarmUp(0, 0);
        assertFalse(none.needsRound());
        assertEquals("warm-up rounds: need 0 <= min <= max, found 3 and 2",
                assertThrows(IllegalArgumentException.class, () -> new JitWarmUp(3, 2)).getMessage());
    }

    /** A round too short to have let the JIT be quiet (1 ns) never counts as quiet: max rounds are run. */
    @Test
    void warmUp_roundsShorterThanAnyCompilation_runToTheMaximum() {
        JitWarmUp warmUp = new JitWarmUp(1, 3);
        while (warmUp.needsRound()) {
            warmUp.roundStarts();
            warmUp.roundEnded(0);
        }
        assertEquals(3, warmUp.rounds());
    }
}
