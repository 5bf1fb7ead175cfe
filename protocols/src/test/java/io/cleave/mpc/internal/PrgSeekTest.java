package io.cleave.mpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrgSeekTest {
    private static final PrgSeed SEED = PrgSeed.fromWire(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});

    /** Even and odd starts, starts inside and across the 4 KiB keystream chunks, and lengths across them. */
    @Test
    void streamFromElement_equalsTheWholeStreamFromThatElement() {
        long[] whole = new Prg(SEED).next(5_000);
        for (int start : new int[] {0, 1, 2, 3, 511, 512, 513, 1023, 1777, 2048, 4001}) {
            int length = whole.length - start;
            assertArrayEquals(Arrays.copyOfRange(whole, start, start + length), new Prg(SEED, start).next(length),
                    "stream from element " + start);
        }
    }

    @Test
    void streamFromElement_continuesAcrossFills() {
        long[] whole = new Prg(SEED).next(300);
        Prg seeked = new Prg(SEED, 101);
        long[] out = new long[199];
        seeked.fill(out, 0, 3);
        seeked.fill(out, 3, 196);
        assertArrayEquals(Arrays.copyOfRange(whole, 101, 300), out);
    }

    /** Backwards and forwards, to odd and even elements, on one instance: each read equals the whole stream there. */
    @Test
    void seek_movesTheSameInstanceAnywhereInTheStream() {
        long[] whole = new Prg(SEED).next(3_000);
        Prg prg = new Prg(SEED);
        prg.next(10);
        for (int start : new int[] {2_500, 7, 8, 1_999, 0, 2_001, 2_001}) {
            prg.seek(start);
            assertArrayEquals(Arrays.copyOfRange(whole, start, start + 500), prg.next(500), "after seek(" + start + ")");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prg.seek(-3));
        assertEquals("a stream starts at element >= 0, found -3", e.getMessage());
    }

    @Test
    void negativeStart_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Prg(SEED, -1));
        assertEquals("a stream starts at element >= 0, found -1", e.getMessage());
    }
}
