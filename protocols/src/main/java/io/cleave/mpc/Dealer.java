package io.cleave.mpc;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.mpc.internal.RingKernels;
import io.cleave.mpc.internal.StepMaterial;

/**
 * The correlated-randomness dealer of one job (a trusted third party that must not collude with
 * either compute party). It takes only the public {@link SecureJobSpec} and receives nothing: it
 * never sees data, labels or model values.
 *
 * <p>Compression as in CrypTen's TTP provider: each party gets one 32-byte AES-CTR seed; the data
 * mask {@code A = A₀ + A₁} and every random triple part are stream outputs of those seeds, and
 * only party 0 gets an explicit correction per step ({@code C₀ = A·B − C₁} for the forward and
 * backward matrix–vector triples, {@code a², a³} of the sigmoid's power triple, {@code u·v} of the
 * element-wise triple).
 *
 * <p>In {@link MaskMode#CLIENT_AIDED} jobs it also sends each input party the two seeds of the mask
 * of that party's rows (derived one-way, so they reveal no other stream).
 *
 * <p>A job resumed after epoch k is dealt again from the same {@link JobRandomness} with
 * {@code resumeAfterEpoch = k}: the same seeds (so the same data mask, hence the same E), and the
 * step corrections from epoch k + 1 on; the step material of epochs 1..k is drawn and dropped, as
 * the parties drop it.
 *
 * <p>Single use: {@link #run()} once. Not thread-safe.
 */
public final class Dealer {
    private final SecureJobSpec spec;
    private final Transport transport;
    private final JobRandomness randomness;
    private final int resumeAfterEpoch;
    private boolean ran;

    /** Deals a job from its start. */
    public Dealer(SecureJobSpec spec, Transport transport, JobRandomness randomness) {
        this(spec, transport, randomness, 0);
    }

    /** @param resumeAfterEpoch the epoch the parties resume after (0: from the start) */
    public Dealer(SecureJobSpec spec, Transport transport, JobRandomness randomness, int resumeAfterEpoch) {
        if (resumeAfterEpoch < 0 || resumeAfterEpoch >= spec.sgd().epochs()) {
            throw new IllegalArgumentException("resume after epoch " + resumeAfterEpoch + ": the job has "
                    + spec.sgd().epochs() + " epochs");
        }
        this.resumeAfterEpoch = resumeAfterEpoch;
        this.spec = spec;
        this.transport = transport;
        this.randomness = randomness;
    }

    /** Sends both seeds, then every step's correction to party 0, in training order. */
    public void run() {
        if (ran) {
            throw new IllegalStateException("the dealer of a job runs once");
        }
        ran = true;
        PrgSeed seed0 = randomness.seed("dealer-0");
        PrgSeed seed1 = randomness.seed("dealer-1");
        transport.send(Participant.PARTY_0, Frames.encodeSeed(seed0));
        transport.send(Participant.PARTY_1, Frames.encodeSeed(seed1));
        if (spec.clientAided()) {
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                Participant owner = Participant.inputParty(i);
                transport.send(owner, Frames.encodeSeed(DataMask.seedFor(seed0, i)));
                transport.send(owner, Frames.encodeSeed(DataMask.seedFor(seed1, i)));
            }
        }
        int n = spec.rows();
        int d = spec.features();
        long[] mask = DataMask.expand(seed0, spec);
        DataMask.addTo(seed1, spec, mask);
        Prg steps0 = new Prg(seed0.derive("steps"));
        Prg steps1 = new Prg(seed1.derive("steps"));
        int batch = spec.sgd().batchSize();
        for (int epoch = 0; epoch < spec.sgd().epochs(); epoch++) {
            for (int from = 0; from < n; from += batch) {
                int nb = Math.min(batch, n - from);
                StepMaterial m1 = StepMaterial.drawAll(steps1, nb, d, spec.logistic(), spec.openEpochLoss());
                StepMaterial m0 = StepMaterial.drawRandomParts(steps0, nb, d, spec.logistic());
                if (epoch < resumeAfterEpoch) {
                    continue;
                }
                complete(m0, m1, mask, from, nb, d);
                transport.send(Participant.PARTY_0, Frames.encode(Frames.CORRECTION, m0.packCorrections()));
            }
        }
    }

    private void complete(StepMaterial m0, StepMaterial m1, long[] mask, int from, int nb, int d) {
        long[] bw = RingKernels.add(m0.bw, m1.bw);
        long[] be = RingKernels.add(m0.be, m1.be);
        m0.cw = new long[nb];
        RingKernels.mulVec(mask, bw, from, from + nb, d, m0.cw);
        RingKernels.subtractInPlace(m0.cw, m1.cw);
        m0.ce = new long[d];
        RingKernels.transposeMulVec(mask, be, from, from + nb, d, m0.ce);
        RingKernels.subtractInPlace(m0.ce, m1.ce);
        int k = m1.a.length;
        m0.a2 = new long[k];
        m0.a3 = new long[k];
        m0.uv = new long[k];
        for (int i = 0; i < k; i++) {
            long a = m0.a[i] + m1.a[i];
            m0.a2[i] = a * a - m1.a2[i];
            m0.a3[i] = a * a * a - m1.a3[i];
            m0.uv[i] = (m0.u[i] + m1.u[i]) * (m0.v[i] + m1.v[i]) - m1.uv[i];
        }
        m0.be2 = new long[m1.be2.length];
        for (int i = 0; i < m0.be2.length; i++) {
            m0.be2[i] = be[i] * be[i] - m1.be2[i];
        }
    }
}
