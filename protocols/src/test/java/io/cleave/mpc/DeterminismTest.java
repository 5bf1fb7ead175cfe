package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cleave.dataset.Dataset;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class DeterminismTest {
    private static final Jobs.Prepared PIMA = Jobs.prepare("pima_diabetes.csv", "class", 42);

    @Property(tries = 3)
    void run_equalSeeds_identicalShares_otherSeedOtherShares(@ForAll @LongRange(min = 1, max = 1000) long seed) {
        Dataset train = PIMA.train();
        SecureJobSpec spec = Jobs.spec(ModelKind.LOGISTIC, new SgdParameters(2, 64, 0.1, 0), train.featureCount(),
                List.of(train.rows()), true);
        LocalSecureTraining.Result a = Jobs.runInMemory(spec, List.of(train), seed);
        LocalSecureTraining.Result b = Jobs.runInMemory(spec, List.of(train), seed);
        LocalSecureTraining.Result c = Jobs.runInMemory(spec, List.of(train), seed + 1);
        assertArrayEquals(a.share0(), b.share0());
        assertArrayEquals(a.share1(), b.share1());
        assertEquals(a.model(), b.model());
        assertEquals(a.epochLosses(), b.epochLosses());
        assertFalse(Arrays.equals(a.share0(), c.share0()), "another seed must give other shares");
    }
}
