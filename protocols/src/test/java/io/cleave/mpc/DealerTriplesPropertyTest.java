package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.mpc.internal.RingKernels;
import io.cleave.mpc.internal.StepMaterial;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every triple the dealer hands out reconstructs to c = a·b (matrix, power and element-wise). */
class DealerTriplesPropertyTest {

    @Property(tries = 25)
    void dealer_everyStepsTriples_satisfyProductRelation(@ForAll @IntRange(min = 1, max = 40) int rows,
            @ForAll @IntRange(min = 1, max = 9) int features, @ForAll @IntRange(min = 1, max = 16) int batch,
            @ForAll boolean logistic, @ForAll boolean loss, @ForAll long seed) {
        SecureJobSpec spec = new SecureJobSpec(logistic ? ModelKind.LOGISTIC : ModelKind.LINEAR,
                new SgdParameters(2, batch, 0.1, 0), FixedPoint.DEFAULT, features, List.of(rows), loss);
        Map<Participant, Transport> net = InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT);
        new Dealer(spec, net.get(Participant.DEALER), JobRandomness.insecureDeterministicForTesting(seed)).run();
        PrgSeed s0 = Frames.decodeSeed(net.get(Participant.PARTY_0).receive(Participant.DEALER), "seed 0");
        PrgSeed s1 = Frames.decodeSeed(net.get(Participant.PARTY_1).receive(Participant.DEALER), "seed 1");
        long[] mask = RingKernels.add(DataMask.stream(s0, 0).next(rows * features),
                DataMask.stream(s1, 0).next(rows * features));
        Prg prg0 = new Prg(s0.derive("steps"));
        Prg prg1 = new Prg(s1.derive("steps"));
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < rows; from += batch) {
                int nb = Math.min(batch, rows - from);
                StepMaterial m1 = StepMaterial.drawAll(prg1, nb, features, logistic, loss);
                StepMaterial m0 = StepMaterial.drawRandomParts(prg0, nb, features, logistic);
                int length = StepMaterial.correctionLength(nb, features, logistic, loss);
                m0.unpackCorrections(Frames.decode(Frames.CORRECTION,
                        net.get(Participant.PARTY_0).receive(Participant.DEALER), length, "correction"),
                        nb, features, logistic, loss);
                checkStep(mask, from, nb, features, m0, m1);
            }
        }
    }

    private static void checkStep(long[] mask, int from, int nb, int d, StepMaterial m0, StepMaterial m1) {
        long[] bw = RingKernels.add(m0.bw, m1.bw);
        long[] be = RingKernels.add(m0.be, m1.be);
        for (int r = 0; r < nb; r++) {
            long s = 0;
            for (int c = 0; c < d; c++) {
                s += mask[(from + r) * d + c] * bw[c];
            }
            assertEquals(s, m0.cw[r] + m1.cw[r], "Cw = A·Bw at row " + r);
        }
        for (int c = 0; c < d; c++) {
            long s = 0;
            for (int r = 0; r < nb; r++) {
                s += mask[(from + r) * d + c] * be[r];
            }
            assertEquals(s, m0.ce[c] + m1.ce[c], "Ce = Aᵀ·Be at column " + c);
        }
        for (int i = 0; i < m1.a.length; i++) {
            long a = m0.a[i] + m1.a[i];
            assertEquals(a * a, m0.a2[i] + m1.a2[i], "a²");
            assertEquals(a * a * a, m0.a3[i] + m1.a3[i], "a³");
            assertEquals((m0.u[i] + m1.u[i]) * (m0.v[i] + m1.v[i]), m0.uv[i] + m1.uv[i], "u·v");
        }
        for (int i = 0; i < m1.be2.length; i++) {
            assertEquals(be[i] * be[i], m0.be2[i] + m1.be2[i], "Be²");
        }
        assertArrayEquals(new long[0], m0.be2.length == 0 ? m1.be2 : new long[0]);
    }
}
