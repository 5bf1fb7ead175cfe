package io.cleave.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {
    @Test
    void of_sameSeed_sameSplit_differentSeed_differentOrder() {
        TrainTestSplit a = TrainTestSplit.of(100, 0.25, 7);
        assertArrayEquals(a.train(), TrainTestSplit.of(100, 0.25, 7).train());
        assertFalse(Arrays.equals(a.train(), TrainTestSplit.of(100, 0.25, 8).train()));
    }

    @Test
    void of_partitionsAllRowsOnce() {
        TrainTestSplit s = TrainTestSplit.of(101, 0.25, 3);
        assertEquals(25, s.test().length);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 101).toArray(), all);
    }

    @Test
    void of_badFraction_refused() {
        assertEquals("test fraction must be in [0, 0.9], found 0.95",
                assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.of(10, 0.95, 1)).getMessage());
    }

    @Test
    void seededRandom_matchesSplitMix64ReferenceOutput() {
        // First outputs of SplitMix64 seeded with 0, from Vigna's reference implementation (prng.di.unimi.it).
        SeededRandom r = new SeededRandom(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }
}
