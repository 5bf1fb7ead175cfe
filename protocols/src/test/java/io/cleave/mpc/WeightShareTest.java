package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.training.LinearModel;
import io.cleave.training.ModelKind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WeightShareTest {
    private static final FixedPoint FP = FixedPoint.DEFAULT;

    @Test
    void reconstruct_twoShares_addsAndDecodes() {
        long r = 0x5DEECE66DL * 0x123456789L;
        WeightShare s0 = new WeightShare(0, 16, new long[] {FP.encode(1.5) - r, FP.encode(-2.25) + r}, FP.encode(0.5) - r);
        WeightShare s1 = new WeightShare(1, 16, new long[] {r, -r}, r);
        LinearModel m = SharedModel.reconstruct(ModelKind.LINEAR, s0.toBytes(), s1.toBytes());
        assertEquals(new LinearModel(ModelKind.LINEAR, new double[] {1.5, -2.25}, 0.5), m);
        assertEquals(s0, WeightShare.fromBytes(s0.toBytes()));
    }

    @Test
    void fromBytes_truncatedOrExtended_rejected() {
        byte[] good = new WeightShare(1, 16, new long[] {1, 2, 3}, 4).toBytes();
        for (int len : new int[] {0, 6, good.length - 1, good.length + 1}) {
            byte[] bad = Arrays.copyOf(good, len);
            assertThrows(IllegalArgumentException.class, () -> WeightShare.fromBytes(bad), "length " + len);
        }
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightShare.fromBytes(wrongVersion));
        assertEquals("unsupported weight share version 2", e.getMessage());
    }

    @Test
    void reconstruct_sharesOfTheSameParty_rejected() {
        byte[] s = new WeightShare(0, 16, new long[] {1}, 2).toBytes();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SharedModel.reconstruct(ModelKind.LINEAR, s, s));
        assertEquals("need party 0's then party 1's share, found parties 0 and 0", e.getMessage());
    }
}
