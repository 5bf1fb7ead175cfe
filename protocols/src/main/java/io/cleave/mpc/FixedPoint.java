package io.cleave.mpc;

/**
 * Fixed-point encoding of reals in the ring Z_2^64: {@code x ↦ round(x · 2^f) mod 2^64}, read back
 * as a signed {@code long} divided by {@code 2^f}.
 *
 * <h2>Bounds that keep local truncation safe</h2>
 * Inputs must satisfy {@code |x| < 2^(31−f)} ({@link #maxInputMagnitude()}), so an encoded value
 * has at most 31 bits and the exact product of two encoded values (scale {@code 2^(2f)}) stays
 * below 2^62: no product of inputs can wrap the ring. A truncated value {@code v} with
 * {@code |v| < 2^ℓ} (at its pre-truncation scale) fails — comes out off by about
 * {@code 2^(64−t)} — with probability at most {@code 2^(ℓ+1−64)} per element (SecureML Thm 1).
 * The trainer truncates values of scale {@code 2^(2f)}: with the default {@code f = 16} and real
 * magnitudes below {@code 2^9} that is ℓ ≤ 41 and a failure probability below {@code 2^-22} per
 * element; the fraction bits are capped at {@value #MAX_FRACTION_BITS} so this stays small, and
 * kept at least {@value #MIN_FRACTION_BITS} so gradients do not vanish in rounding.
 *
 * @param fractionBits f, in [{@value #MIN_FRACTION_BITS}, {@value #MAX_FRACTION_BITS}]
 */
public record FixedPoint(int fractionBits) {
    public static final int MIN_FRACTION_BITS = 8;
    public static final int MAX_FRACTION_BITS = 20;
    /** Bits an encoded input may occupy (sign excluded). */
    public static final int INPUT_BITS = 31;
    public static final FixedPoint DEFAULT = new FixedPoint(16);

    public FixedPoint {
        if (fractionBits < MIN_FRACTION_BITS || fractionBits > MAX_FRACTION_BITS) {
            throw new IllegalArgumentException("fraction bits must be in [" + MIN_FRACTION_BITS + ", "
                    + MAX_FRACTION_BITS + "] for the 64-bit ring, found " + fractionBits);
        }
    }

    /** Exclusive bound on |x| for inputs: 2^(31−f). */
    public double maxInputMagnitude() {
        return Math.scalb(1.0, INPUT_BITS - fractionBits);
    }

    /**
     * Encodes an input value.
     *
     * @param what names the value in the error message, e.g. "feature 'age' of row 3"
     * @throws IllegalArgumentException if x is not finite or {@code |x| ≥ 2^(31−f)}
     */
    public long encodeInput(double x, String what) {
        if (!admitsInput(x)) {
            throw new IllegalArgumentException(what + " is " + x + ", outside the ring-safe range (-2^"
                    + (INPUT_BITS - fractionBits) + ", 2^" + (INPUT_BITS - fractionBits) + ") for " + fractionBits
                    + " fraction bits");
        }
        return encode(x);
    }

    /** Whether {@link #encodeInput} accepts x: finite and {@code |x| < 2^(31−f)}. */
    public boolean admitsInput(double x) {
        return Double.isFinite(x) && Math.abs(x) < maxInputMagnitude();
    }

    /** Encodes without the input bound, for public constants the protocol chooses itself. */
    public long encode(double x) {
        return Math.round(Math.scalb(x, fractionBits));
    }

    public double decode(long v) {
        return Math.scalb((double) v, -fractionBits);
    }
}
