package io.cleave.mpc;

import io.cleave.mpc.internal.BatchRows;
import io.cleave.mpc.internal.Opener;
import io.cleave.mpc.internal.PartyStep;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PublicScale;
import io.cleave.mpc.internal.RingKernels;
import io.cleave.mpc.internal.StepMaterial;
import io.cleave.mpc.internal.Truncation;
import io.cleave.training.TrainingListener;
import java.util.function.IntFunction;

/**
 * The epochs and steps of one party, mirroring {@code PlaintextSgdTrainer}: zero initial
 * weights and bias, training rows in order, consecutive batches (the last possibly short),
 * {@code w −= lr·(Xᵀ(p − y)/|batch| + l2·w)}, {@code b −= lr·Σ(p − y)/|batch|}.
 *
 * <p>The public factor {@code lr/|batch|} is applied to the error before the gradient product,
 * keeping k extra fraction bits ({@link PublicScale}) so the small per-row terms do not vanish in
 * rounding; the gradient is then truncated by f + k in one step.
 *
 * <p>Resuming after epoch k starts from that epoch's checkpointed shares and first draws (and drops)
 * the step material of epochs 1..k from the dealer stream, exactly as the dealer skips them, so every
 * later step gets the same correlated randomness as in an uninterrupted run: since truncation is
 * local, only the same shares and the same randomness give the same rounding, hence the same model.
 */
final class SgdLoop {
    private final SecureJobSpec spec;
    private final int party;
    private final PartyStep step;
    private final MaskedRows rows;
    private final Prg stream;
    private final long[] labels;
    private final IntFunction<long[]> corrections;
    private final Opener opener;
    private final int f;
    private final TrainingCheckpoint resumeFrom;
    private final CheckpointSink checkpoints;

    /** @param resumeFrom the checkpoint to go on from (its labels replace {@code labels}), or null to start at epoch 1 */
    SgdLoop(SecureJobSpec spec, int party, PartyStep step, MaskedRows rows, Prg stream, long[] labels,
            IntFunction<long[]> corrections, Opener opener, TrainingCheckpoint resumeFrom, CheckpointSink checkpoints) {
        this.resumeFrom = resumeFrom;
        this.checkpoints = checkpoints;
        this.spec = spec;
        this.party = party;
        this.step = step;
        this.rows = rows;
        this.stream = stream;
        this.labels = resumeFrom == null ? labels : resumeFrom.labels();
        this.corrections = corrections;
        this.opener = opener;
        this.f = spec.fixedPoint().fractionBits();
    }

    WeightShare run(TrainingListener listener) {
        int d = spec.features();
        int n = spec.rows();
        int batch = spec.sgd().batchSize();
        int epochs = spec.sgd().epochs();
        int stepsPerEpoch = spec.sgd().stepsPerEpoch(n);
        long[] w = resumeFrom == null ? new long[d] : resumeFrom.share().weights();
        long[] bias = {resumeFrom == null ? 0 : resumeFrom.share().bias()};
        int finished = resumeFrom == null ? 0 : resumeFrom.epoch();
        skipStepMaterial(finished, n, batch);
        long done = (long) finished * stepsPerEpoch;
        for (int epoch = finished + 1; epoch <= epochs; epoch++) {
            long loss = 0;
            for (int from = 0; from < n; from += batch) {
                int nb = Math.min(batch, n - from);
                loss += step(w, bias, from, rows.batch(epoch, from, nb), nb, stepsPerEpoch);
                done++;
            }
            double opened = spec.openEpochLoss()
                    ? spec.fixedPoint().decode(opener.open(new long[] {loss})[0]) : Double.NaN;
            if (epoch < epochs) {
                checkpoints.checkpointed(new TrainingCheckpoint(party, epoch, new WeightShare(party, f, w, bias[0]),
                        labels));
            }
            listener.epochFinished(epoch, epochs, done, (long) stepsPerEpoch * epochs, opened);
        }
        return new WeightShare(party, f, w, bias[0]);
    }

    /** Draws the step material of the first {@code epochs} epochs in the order {@link #step} does, and drops it. */
    private void skipStepMaterial(int epochs, int n, int batch) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int from = 0; from < n; from += batch) {
                int nb = Math.min(batch, n - from);
                if (party == 1) {
                    StepMaterial.drawAll(stream, nb, spec.features(), spec.logistic(), spec.openEpochLoss());
                } else {
                    StepMaterial.drawRandomParts(stream, nb, spec.features(), spec.logistic());
                }
            }
        }
    }

    /** One step; returns this party's share of the step's contribution to the epoch loss. */
    private long step(long[] w, long[] bias, int from, BatchRows batch, int nb, int stepsPerEpoch) {
        boolean logistic = spec.logistic();
        StepMaterial m;
        if (party == 1) {
            m = StepMaterial.drawAll(stream, nb, spec.features(), logistic, spec.openEpochLoss());
        } else {
            m = StepMaterial.drawRandomParts(stream, nb, spec.features(), logistic);
            int length = StepMaterial.correctionLength(nb, spec.features(), logistic, spec.openEpochLoss());
            m.unpackCorrections(corrections.apply(length), nb, spec.features(), logistic, spec.openEpochLoss());
        }
        long[] z = step.forward(w, bias[0], batch, nb, m);
        long[] p = logistic ? step.sigmoid(z, m) : z;
        PublicScale rate = PublicScale.of(spec.sgd().learningRate() / nb, f);
        int k = rate.shift() - f;
        long[] scaled = new long[nb];
        for (int i = 0; i < nb; i++) {
            scaled[i] = (p[i] - labels[from + i]) * rate.multiplier();
        }
        Truncation.truncate(scaled, f, party);
        long[] gOpen = new long[nb];
        long[] grad = step.gradient(scaled, k, batch, m, gOpen);
        if (spec.sgd().l2() > 0) {
            PublicScale ridge = PublicScale.of(spec.sgd().learningRate() * spec.sgd().l2(), f);
            for (int c = 0; c < w.length; c++) {
                grad[c] += Truncation.truncate(w[c] * ridge.multiplier(), ridge.shift(), party);
            }
        }
        RingKernels.subtractInPlace(w, grad);
        long biasStep = 0;
        for (long e : scaled) {
            biasStep += e;
        }
        bias[0] -= Truncation.truncate(biasStep, k, party);
        return spec.openEpochLoss() ? lossShare(m, gOpen, rate, nb, stepsPerEpoch) : 0;
    }

    /**
     * This step's share of the epoch's mean loss ½·mean((p − y)²) / steps, at scale f. e″ = ρ·e·2^(f+k)
     * with ρ = multiplier / 2^(f+k) · 2^k, so Σe″² truncated by f is ρ²·Σe² at scale f.
     */
    private long lossShare(StepMaterial m, long[] gOpen, PublicScale rate, int nb, int stepsPerEpoch) {
        long squares = Truncation.truncate(step.squaredErrorSum(gOpen, m), f, party);
        double rho = Math.scalb((double) rate.multiplier(), -f);
        PublicScale weight = PublicScale.of(1.0 / (2.0 * nb * rho * rho * stepsPerEpoch), f);
        return Truncation.truncate(squares * weight.multiplier(), weight.shift(), party);
    }
}
