package io.cleave.mpc.internal;

/**
 * Local, asymmetric share truncation (SecureML §4.1, made symmetric in its rounding).
 *
 * <p>For a shared value {@code x = x0 + x1 mod 2^64}, party 0 computes {@code x0 >> t} and
 * party 1 computes {@code −((−x1) >> t)}, both arithmetic shifts. The two shares then sum to
 * {@code x / 2^t} up to ±1 in the last place, with mean error ≈ 0 (floor on one side, ceiling
 * on the other), except with probability at most {@code 2^(ℓ+1−64)} when {@code |x| < 2^ℓ} as a
 * signed ring element: then the result is off by about {@code 2^(64−t)}. Callers keep ℓ small
 * (see {@code io.cleave.mpc.FixedPoint}); this class never hides the failure.
 */
public final class Truncation {
    private Truncation() {
    }

    /** Truncates one share in place by {@code bits}, as party {@code party} (0 or 1). */
    public static void truncate(long[] share, int bits, int party) {
        if (bits == 0) {
            return;
        }
        if (party == 0) {
            for (int i = 0; i < share.length; i++) {
                share[i] = share[i] >> bits;
            }
        } else {
            for (int i = 0; i < share.length; i++) {
                share[i] = -((-share[i]) >> bits);
            }
        }
    }

    public static long truncate(long share, int bits, int party) {
        return party == 0 ? share >> bits : -((-share) >> bits);
    }
}
