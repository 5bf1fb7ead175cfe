package io.cleave.mpc;

import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.util.List;
import java.util.Objects;

/**
 * The public description of one secret-shared training job that every participant agrees on
 * (it is part of the consented job spec): shapes and hyperparameters, never values.
 *
 * <p>Training rows are those of the input parties concatenated in list order; SGD visits them in
 * that order in consecutive batches, exactly as {@code PlaintextSgdTrainer} does.
 *
 * @param kind logistic or ridge-linear regression
 * @param sgd epochs, batch size, learning rate, ridge penalty
 * @param fixedPoint the ring encoding
 * @param features columns per row, ≥ 1
 * @param rowsPerInputParty training rows each input party shares, each ≥ 1
 * @param openEpochLoss declared leakage: open the per-epoch mean training loss ½·mean((p − y)²) — for
 *     logistic regression the squared error of the polynomial σ, the quantity its gradient descends
 *     — one value per epoch, to the job owner; off, nothing but masked values is ever opened
 * @param maskMode how the data mask E = X − A is formed
 */
public record SecureJobSpec(ModelKind kind, SgdParameters sgd, FixedPoint fixedPoint, int features,
        List<Integer> rowsPerInputParty, boolean openEpochLoss, MaskMode maskMode) {
    public SecureJobSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maskMode, "maskMode");
        Objects.requireNonNull(sgd, "sgd");
        Objects.requireNonNull(fixedPoint, "fixedPoint");
        rowsPerInputParty = List.copyOf(rowsPerInputParty);
        if (features < 1) {
            throw new IllegalArgumentException("a job needs at least one feature, found " + features);
        }
        if (rowsPerInputParty.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one input party");
        }
        long total = 0;
        for (int i = 0; i < rowsPerInputParty.size(); i++) {
            if (rowsPerInputParty.get(i) < 1) {
                throw new IllegalArgumentException("input party " + i + " has no training rows: the dataset is empty");
            }
            total += rowsPerInputParty.get(i);
        }
        if (total * features > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("rows × features = " + total * features + " exceeds one array");
        }
    }

    /** A job with the default {@link MaskMode#OPENED_BY_PARTIES}. */
    public SecureJobSpec(ModelKind kind, SgdParameters sgd, FixedPoint fixedPoint, int features,
            List<Integer> rowsPerInputParty, boolean openEpochLoss) {
        this(kind, sgd, fixedPoint, features, rowsPerInputParty, openEpochLoss, MaskMode.OPENED_BY_PARTIES);
    }

    public boolean clientAided() {
        return maskMode == MaskMode.CLIENT_AIDED;
    }

    public int rows() {
        return rowsPerInputParty.stream().mapToInt(Integer::intValue).sum();
    }

    /** The first training row of input party {@code i}. */
    public int rowOffset(int i) {
        int offset = 0;
        for (int k = 0; k < i; k++) {
            offset += rowsPerInputParty.get(k);
        }
        return offset;
    }

    public boolean logistic() {
        return kind == ModelKind.LOGISTIC;
    }

    public List<Participant> participants() {
        List<Participant> all = new java.util.ArrayList<>(List.of(Participant.PARTY_0, Participant.PARTY_1,
                Participant.DEALER));
        for (int i = 0; i < rowsPerInputParty.size(); i++) {
            all.add(Participant.inputParty(i));
        }
        return all;
    }
}
