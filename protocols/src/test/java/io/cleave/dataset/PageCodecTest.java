package io.cleave.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageCodecTest {
    private static final Dataset ROWS = new Dataset(List.of("a", "b"), "y", new double[] {1.5, -2, 3, 4e-9},
            new double[] {0, 1});

    @Test
    void encodeDecode_roundTrip_littleEndianRowsWithLabelLast() {
        byte[] page = PageCodec.encode(ROWS);
        assertEquals(2 * 3 * 8, page.length);
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5, b.getDouble(0));
        assertEquals(0.0, b.getDouble(16));
        assertEquals(3.0, b.getDouble(24));
        assertEquals(ROWS, PageCodec.decode(page, 2, List.of("a", "b"), "y"));
    }

    @Test
    void decode_truncatedOrExtended_refused() {
        byte[] page = PageCodec.encode(ROWS);
        assertEquals("page payload of 47 bytes does not hold 2 rows of 3 float64 values (48 bytes)",
                assertThrows(IllegalArgumentException.class, () -> PageCodec.decode(java.util.Arrays.copyOf(page, 47), 2,
                        List.of("a", "b"), "y")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PageCodec.decode(java.util.Arrays.copyOf(page, 49), 2, List.of("a", "b"), "y"));
    }

    @Test
    void decode_nonFiniteValue_refused() {
        byte[] page = PageCodec.encode(ROWS);
        ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putDouble(8, Double.NaN);
        assertEquals("page payload holds a value that is not a finite number",
                assertThrows(IllegalArgumentException.class, () -> PageCodec.decode(page, 2, List.of("a", "b"), "y"))
                        .getMessage());
    }

    @Test
    void concat_differentColumns_refused() {
        Dataset other = new Dataset(List.of("a", "c"), "y", new double[] {1, 2}, new double[] {0});
        assertEquals("cannot join rows of different columns: [a, c] vs [a, b]",
                assertThrows(IllegalArgumentException.class, () -> Dataset.concat(List.of(ROWS, other))).getMessage());
    }
}
