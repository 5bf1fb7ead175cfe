package io.cleave.mpc.internal;

/**
 * Multiplication of shares by a public real constant {@code c}: the constant is encoded with
 * {@code m = f + max(0, ⌈−log₂|c|⌉)} fraction bits, so it always carries about f significant bits
 * however small it is, and the product is truncated by m. The value truncated is then about
 * {@code |x·c|·2^(f+m)} ≈ {@code |x|·2^(2f)} at most, the same bound as any fixed-point product.
 *
 * @param multiplier round(c·2^shift)
 * @param shift m
 */
public record PublicScale(long multiplier, int shift) {
    public static PublicScale of(double c, int fractionBits) {
        if (!Double.isFinite(c) || c == 0) {
            throw new IllegalArgumentException("a public scale must be finite and non-zero, found " + c);
        }
        int extra = Math.max(0, (int) Math.ceil(-Math.log(Math.abs(c)) / Math.log(2)));
        int shift = fractionBits + extra;
        return new PublicScale(Math.round(Math.scalb(c, shift)), shift);
    }
}
