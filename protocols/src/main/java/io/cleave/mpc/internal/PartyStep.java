package io.cleave.mpc.internal;

import io.cleave.training.Sigmoid;

/**
 * One compute party's arithmetic for one mini-batch SGD step over additive shares, after the
 * data mask is open ({@code E = X − A} public, {@code A} shared). Four rounds for logistic
 * regression, two for linear:
 * <ol>
 *   <li>open {@code F = w − Bw} (d values); {@code z = X·w + b} by Beaver with the reused mask;</li>
 *   <li>logistic: open {@code δ = t − a} (batch values), {@code t = z/8}; t² and t³ from the power triple;</li>
 *   <li>logistic: open {@code (t² − u, t³ − v)} (2·batch values); {@code t⁵ = t²·t³};
 *       σ ≈ 0.5 + C1·z + 512·C3·t³ + 32768·C5·t⁵ (the polynomial of {@link Sigmoid});</li>
 *   <li>open {@code G = e″ − Be} (batch values), {@code e″ = (lr/|batch|)·(p − y)}; the gradient
 *       {@code Xᵀe″} by Beaver with the same mask; weights and bias updated locally.</li>
 * </ol>
 * Every fixed-point product is truncated locally (see {@link Truncation}). Not thread-safe.
 */
public final class PartyStep {
    /** Fraction bits of t = z/8 fed to the power triple: t³ then stays at 2^36·|t|³. */
    private static final int POWER_BITS = 12;

    private final int party;
    private final int f;
    private final int features;
    private final Opener opener;
    private final long c1;
    private final long b3;
    private final long b5;

    public PartyStep(int party, int fractionBits, int features, Opener opener) {
        this.party = party;
        this.f = fractionBits;
        this.features = features;
        this.opener = opener;
        this.c1 = Math.round(Math.scalb(Sigmoid.C1, f));
        this.b3 = Math.round(Math.scalb(Sigmoid.C3 * 512, f));
        this.b5 = Math.round(Math.scalb(Sigmoid.C5 * 32768, f));
    }

    /** Shares of {@code z = X_batch·w + b} at scale f (round 1), the batch's rows being {@code rows}. */
    public long[] forward(long[] w, long bias, BatchRows rows, int nb, StepMaterial m) {
        long[] fOpen = opener.open(RingKernels.subtract(w, m.bw));
        long[] v = party == 0 ? RingKernels.add(fOpen, m.bw) : m.bw;
        long[] z = new long[nb];
        RingKernels.mulVec2(rows.opened(), rows.openedRow(), v, rows.mask(), rows.maskRow(), fOpen, nb, features, z);
        RingKernels.addInPlace(z, m.cw);
        Truncation.truncate(z, f, party);
        for (int i = 0; i < nb; i++) {
            z[i] += bias;
        }
        return z;
    }

    /** Shares of the polynomial σ(z) at scale f (rounds 2 and 3). */
    public long[] sigmoid(long[] z, StepMaterial m) {
        int nb = z.length;
        int s = Math.min(f, POWER_BITS);
        long[] t = z.clone();
        Truncation.truncate(t, f - s + 3, party);
        long[] delta = opener.open(RingKernels.subtract(t, m.a));
        long[] t2 = new long[nb];
        long[] t3 = new long[nb];
        for (int i = 0; i < nb; i++) {
            long d = delta[i];
            long a = m.a[i];
            t2[i] = (party == 0 ? d * d : 0) + 2 * d * a + m.a2[i];
            t3[i] = (party == 0 ? d * d * d : 0) + 3 * d * d * a + 3 * d * m.a2[i] + m.a3[i];
        }
        Truncation.truncate(t2, 2 * s - f, party);
        Truncation.truncate(t3, 3 * s - f, party);
        long[] both = new long[2 * nb];
        for (int i = 0; i < nb; i++) {
            both[i] = t2[i] - m.u[i];
            both[nb + i] = t3[i] - m.v[i];
        }
        long[] ab = opener.open(both);
        long[] sum = new long[nb];
        for (int i = 0; i < nb; i++) {
            long alpha = ab[i];
            long beta = ab[nb + i];
            long t5 = Truncation.truncate((party == 0 ? alpha * beta : 0) + alpha * m.v[i] + beta * m.u[i] + m.uv[i],
                    f, party);
            sum[i] = c1 * z[i] + b3 * t3[i] + b5 * t5;
        }
        Truncation.truncate(sum, f, party);
        if (party == 0) {
            long half = 1L << (f - 1);
            for (int i = 0; i < nb; i++) {
                sum[i] += half;
            }
        }
        return sum;
    }

    /**
     * Round 4: opens the masked scaled error and returns shares of the weight gradient step
     * {@code (lr/|batch|)·Xᵀ(p − y)} at scale f; {@code scaledError} is e″ at scale f + k.
     */
    public long[] gradient(long[] scaledError, int k, BatchRows rows, StepMaterial m, long[] gOpenOut) {
        int nb = scaledError.length;
        long[] gOpen = opener.open(RingKernels.subtract(scaledError, m.be));
        System.arraycopy(gOpen, 0, gOpenOut, 0, nb);
        long[] u = party == 0 ? RingKernels.add(gOpen, m.be) : m.be;
        long[] grad = new long[features];
        RingKernels.transposeMulVec2(rows.opened(), rows.openedRow(), u, rows.mask(), rows.maskRow(), gOpen, nb,
                features, grad);
        RingKernels.addInPlace(grad, m.ce);
        Truncation.truncate(grad, f + k, party);
        return grad;
    }

    /** Shares of {@code Σ e″²} over the batch (e″ = G + Be squared with the dealer's {@code Be²}), no opening. */
    public long squaredErrorSum(long[] gOpen, StepMaterial m) {
        long total = 0;
        for (int i = 0; i < gOpen.length; i++) {
            long g = gOpen[i];
            total += (party == 0 ? g * g : 0) + 2 * g * m.be[i] + m.be2[i];
        }
        return total;
    }

    public int party() {
        return party;
    }
}
