package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedPointTest {

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 7, 21, 32, 64})
    void new_fractionBitsOutsideSafeRange_rejected(int bits) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FixedPoint(bits));
        assertEquals("fraction bits must be in [8, 20] for the 64-bit ring, found " + bits, e.getMessage());
    }

    @Test
    void encodeInput_valueThatWouldOverflowTheRing_rejectedWithBound() {
        FixedPoint fp = new FixedPoint(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fp.encodeInput(40000.0, "feature 'x' of training row 3"));
        assertEquals("feature 'x' of training row 3 is 40000.0, outside the ring-safe range (-2^15, 2^15) for 16 fraction"
                + " bits", e.getMessage());
    }

    @Test
    void encodeInput_notFinite_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPoint.DEFAULT.encodeInput(Double.NaN, "label 'y' of training row 1"));
        assertEquals("label 'y' of training row 1 is NaN, outside the ring-safe range (-2^15, 2^15) for 16 fraction bits",
                e.getMessage());
    }

    @Test
    void encodeDecode_roundsToNearestStep() {
        FixedPoint fp = new FixedPoint(16);
        assertEquals(65536L, fp.encode(1.0));
        assertEquals(-98304L, fp.encode(-1.5));
        assertEquals(0.25, fp.decode(fp.encodeInput(0.25, "x")));
        assertEquals(32767.99998, fp.decode(fp.encodeInput(32767.99998, "x")), Math.scalb(1.0, -16));
    }
}
