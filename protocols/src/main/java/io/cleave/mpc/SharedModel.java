package io.cleave.mpc;

import io.cleave.training.LinearModel;
import io.cleave.training.ModelKind;

/** What a result recipient does with the two weight shares it receives. */
public final class SharedModel {
    private SharedModel() {
    }

    /**
     * Adds party 0's and party 1's serialised shares and decodes the model.
     *
     * @throws IllegalArgumentException if the shares are malformed, from the same party, or disagree in shape or f
     */
    public static LinearModel reconstruct(ModelKind kind, byte[] share0, byte[] share1) {
        WeightShare a = WeightShare.fromBytes(share0);
        WeightShare b = WeightShare.fromBytes(share1);
        if (a.party() != 0 || b.party() != 1) {
            throw new IllegalArgumentException("need party 0's then party 1's share, found parties " + a.party()
                    + " and " + b.party());
        }
        if (a.fractionBits() != b.fractionBits() || a.weights().length != b.weights().length) {
            throw new IllegalArgumentException("the two shares disagree in fraction bits or weight count");
        }
        FixedPoint fp = new FixedPoint(a.fractionBits());
        long[] wa = a.weights();
        long[] wb = b.weights();
        double[] w = new double[wa.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = fp.decode(wa[i] + wb[i]);
        }
        return new LinearModel(kind, w, fp.decode(a.bias() + b.bias()));
    }
}
