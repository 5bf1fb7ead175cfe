package io.cleave.mpc;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Parallel;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.mpc.internal.RingKernels;
import io.cleave.mpc.internal.StepMaterial;
import java.util.ArrayList;
import java.util.List;

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
 * <p>It also sends each input party the seed of party 1's mask share of that party's rows, which
 * the owner uses as party 1's share of them (see {@link InputParty}), and in
 * {@link MaskMode#CLIENT_AIDED} jobs first the seed of party 0's too (derived one-way, so they
 * reveal no other stream).
 *
 * <p>A job resumed after epoch k is dealt again from the same {@link JobRandomness} with
 * {@code resumeAfterEpoch = k}: the same seeds (so the same data mask, hence the same E), and the
 * step corrections from epoch k + 1 on; the step material of epochs 1..k is drawn and dropped, as
 * the parties drop it.
 *
 * <p>The offline work runs on {@value #WORKERS} threads (see {@link #run()}); corrections still
 * leave in training order. Single use: {@link #run()} once. Not thread-safe.
 */
public final class Dealer {
    /**
     * Threads of the offline work (mask expansion, step products): its pieces are independent, and
     * two halve the dealer's wall time on the two-core machine the benchmark runs everything on,
     * without taking every core of a broker that serves other jobs too.
     */
    private static final int WORKERS = 2;
    /** Steps completed per batch of work (about 100 KiB of material each at batch 1024, 256 features). */
    private static final int WINDOW_STEPS = 32;
    /**
     * Elements of A a worker regenerates at a time (256 KiB): a block of a step's rows small enough
     * to stay in L2 between the keystream writing it and the two products reading it.
     */
    private static final int BLOCK_ELEMENTS = 1 << 15;

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

    /**
     * Sends both seeds, then every step's correction to party 0 in training order; the mask and the
     * steps' products are computed {@value #WINDOW_STEPS} steps at a time on {@value #WORKERS} threads.
     */
    public void run() {
        if (ran) {
            throw new IllegalStateException("the dealer of a job runs once");
        }
        ran = true;
        PrgSeed seed0 = randomness.seed("dealer-0");
        PrgSeed seed1 = randomness.seed("dealer-1");
        transport.send(Participant.PARTY_0, Frames.encodeSeed(seed0));
        transport.send(Participant.PARTY_1, Frames.encodeSeed(seed1));
        for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
            Participant owner = Participant.inputParty(i);
            if (spec.clientAided()) {
                transport.send(owner, Frames.encodeSeed(DataMask.seedFor(seed0, i)));
            }
            transport.send(owner, Frames.encodeSeed(DataMask.seedFor(seed1, i)));
        }
        int blockRows = Math.max(1, Math.min(spec.sgd().batchSize(), BLOCK_ELEMENTS / spec.features()));
        MaskRows[] masks = new MaskRows[WORKERS];
        for (int k = 0; k < WORKERS; k++) {
            masks[k] = new MaskRows(new DataMask.Rows(seed0, spec), new DataMask.Rows(seed1, spec),
                    new long[blockRows * spec.features()]);
        }
        Prg steps0 = new Prg(seed0.derive("steps"));
        Prg steps1 = new Prg(seed1.derive("steps"));
        int n = spec.rows();
        int batch = spec.sgd().batchSize();
        List<Step> window = new ArrayList<>(WINDOW_STEPS);
        for (int epoch = 0; epoch < spec.sgd().epochs(); epoch++) {
            for (int from = 0; from < n; from += batch) {
                int nb = Math.min(batch, n - from);
                StepMaterial m1 = StepMaterial.drawAll(steps1, nb, spec.features(), spec.logistic(),
                        spec.openEpochLoss());
                StepMaterial m0 = StepMaterial.drawRandomParts(steps0, nb, spec.features(), spec.logistic());
                if (epoch < resumeAfterEpoch) {
                    continue;
                }
                window.add(new Step(from, nb, m0, m1));
                if (window.size() == WINDOW_STEPS) {
                    deal(window, masks);
                }
            }
        }
        deal(window, masks);
    }

    /** One step's material for both parties, drawn in training order, and the batch it serves. */
    private record Step(int from, int rows, StepMaterial m0, StepMaterial m1) {
    }

    /**
     * One worker's means to regenerate {@code A = A₀ + A₁} over a block of a step's rows from both
     * seeds, and the block-sized buffer it goes to (the dealer never holds the whole mask).
     */
    private record MaskRows(DataMask.Rows share0, DataMask.Rows share1, long[] buffer) {
        int blockRows(int features) {
            return buffer.length / features;
        }

        long[] sum(int fromRow, int rows) {
            share0.fill(fromRow, rows, buffer);
            share1.addTo(fromRow, rows, buffer);
            return buffer;
        }
    }

    /** Completes the window's steps on the workers, sends their corrections in training order, empties the window. */
    private void deal(List<Step> window, MaskRows[] masks) {
        if (window.isEmpty()) {
            return;
        }
        Parallel.run(WORKERS, k -> {
            for (int i = k; i < window.size(); i += WORKERS) {
                complete(window.get(i), masks[k]);
            }
        });
        for (Step step : window) {
            transport.send(Participant.PARTY_0, Frames.encode(Frames.CORRECTION, step.m0().packCorrections()));
        }
        window.clear();
    }

    private void complete(Step step, MaskRows mask) {
        StepMaterial m0 = step.m0();
        StepMaterial m1 = step.m1();
        int nb = step.rows();
        long[] bw = RingKernels.add(m0.bw, m1.bw);
        long[] be = RingKernels.add(m0.be, m1.be);
        m0.cw = new long[nb];
        m0.ce = new long[spec.features()];
        int blockRows = mask.blockRows(spec.features());
        for (int first = 0; first < nb; first += blockRows) {
            int rows = Math.min(blockRows, nb - first);
            RingKernels.mulVecAndTransposed(mask.sum(step.from() + first, rows), bw, be, first, rows, spec.features(),
                    m0.cw, m0.ce);
        }
        RingKernels.subtractInPlace(m0.cw, m1.cw);
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
