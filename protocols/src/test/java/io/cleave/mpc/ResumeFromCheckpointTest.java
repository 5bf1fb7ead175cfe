package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.dataset.Dataset;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import io.cleave.training.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * A job interrupted after epoch k and resumed from both parties' epoch-k checkpoints, dealt again
 * from the same dealer root, ends with bit-identical weight shares, even though the data owners
 * share their rows again with fresh seeds (other label and feature shares than the first time).
 */
class ResumeFromCheckpointTest {
    private static final Jobs.Prepared PIMA = Jobs.prepare("pima_diabetes.csv", "class", 42);
    private static final int EPOCHS = 4;
    private static final long DEALER_SEED = 7;

    /** One attempt's shares and the checkpoints both parties wrote, per party. */
    private record Attempt(WeightShare[] shares, List<List<TrainingCheckpoint>> checkpoints) {
        /** Both parties' checkpoints after {@code epoch} (an uninterrupted attempt checkpoints from epoch 1). */
        List<TrainingCheckpoint> bothAfterEpoch(int epoch) {
            return List.of(checkpoints.get(0).get(epoch - 1), checkpoints.get(1).get(epoch - 1));
        }
    }

    private static SecureJobSpec spec(MaskMode mode) {
        Dataset train = PIMA.train();
        int half = train.rows() / 2;
        return new SecureJobSpec(ModelKind.LOGISTIC, new SgdParameters(EPOCHS, 64, 0.1, 0.001), FixedPoint.DEFAULT,
                train.featureCount(), List.of(half, train.rows() - half), true, mode);
    }

    private static List<Dataset> inputs(SecureJobSpec spec) {
        Dataset train = PIMA.train();
        int half = spec.rowsPerInputParty().get(0);
        int[] first = java.util.stream.IntStream.range(0, half).toArray();
        int[] second = java.util.stream.IntStream.range(half, train.rows()).toArray();
        return List.of(train.select(first), train.select(second));
    }

    @ParameterizedTest
    @EnumSource(MaskMode.class)
    void resume_afterEpochTwo_sameSharesAsUninterruptedRun(MaskMode mode) {
        SecureJobSpec spec = spec(mode);
        Attempt uninterrupted = attempt(spec, JobRandomness.insecureDeterministicForTesting(DEALER_SEED), 100, null);
        List<TrainingCheckpoint> afterTwo = uninterrupted.bothAfterEpoch(2);
        assertEquals(2, afterTwo.get(0).epoch());

        Attempt resumed = attempt(spec, JobRandomness.insecureDeterministicForTesting(DEALER_SEED), 200, afterTwo);

        assertEquals(uninterrupted.shares()[0], resumed.shares()[0]);
        assertEquals(uninterrupted.shares()[1], resumed.shares()[1]);
        assertEquals(List.of(3), resumed.checkpoints().get(0).stream().map(TrainingCheckpoint::epoch).toList(),
                "a resumed attempt checkpoints only the epochs it trains (the last epoch ends with the result)");
        assertEquals(uninterrupted.checkpoints().get(1).get(2), resumed.checkpoints().get(1).get(0));
    }

    /** A resumed client-aided attempt whose ExCache streams most blocks starts its schedule at epoch 3. */
    @Test
    void resume_clientAidedQuarterCache_sameSharesAsUninterruptedRun() {
        SecureJobSpec spec = spec(MaskMode.CLIENT_AIDED);
        Attempt uninterrupted = attempt(spec, JobRandomness.insecureDeterministicForTesting(DEALER_SEED), 100, null);
        List<TrainingCheckpoint> afterTwo = uninterrupted.bothAfterEpoch(2);
        long quarter = (long) spec.rows() * spec.features() * ExCacheSettings.ELEMENT_BYTES / 4;
        Attempt resumed = attempt(spec, JobRandomness.insecureDeterministicForTesting(DEALER_SEED), 200, afterTwo,
                new ExCacheSettings(quarter, 16, 3));
        assertEquals(uninterrupted.shares()[0], resumed.shares()[0]);
        assertEquals(uninterrupted.shares()[1], resumed.shares()[1]);
    }

    @Test
    void resume_otherDealerRoot_otherShares() {
        SecureJobSpec spec = spec(MaskMode.OPENED_BY_PARTIES);
        Attempt uninterrupted = attempt(spec, JobRandomness.insecureDeterministicForTesting(DEALER_SEED), 100, null);
        List<TrainingCheckpoint> afterTwo = uninterrupted.bothAfterEpoch(2);

        Attempt dealtAfresh = attempt(spec, JobRandomness.insecureDeterministicForTesting(DEALER_SEED + 1), 200,
                afterTwo);

        assertNotEquals(uninterrupted.shares()[0], dealtAfresh.shares()[0],
                "fresh correlated randomness must change the shares: the resumed run depends on the dealer root");
    }

    @Test
    void resumable_dealsTheSameSeedsAgain_secureNever() {
        JobRandomness kept = JobRandomness.resumable();
        assertEquals(kept.seed("dealer-0"), kept.seed("dealer-0"));
        assertNotEquals(kept.seed("dealer-0"), JobRandomness.resumable().seed("dealer-0"));
        JobRandomness secure = JobRandomness.secure();
        assertNotEquals(secure.seed("dealer-0"), secure.seed("dealer-0"));
    }

    @Test
    void checkpoint_roundTripsAndRefusesMangledBytes() {
        TrainingCheckpoint c = new TrainingCheckpoint(1, 3, new WeightShare(1, 16, new long[] {5, -6}, 7),
                new long[] {1, 2, 3});
        assertEquals(c, TrainingCheckpoint.fromBytes(c.toBytes()));
        byte[] bytes = c.toBytes();
        assertEquals("checkpoint of " + (bytes.length - 1) + " bytes does not hold 2 weights, a bias and 3 labels",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingCheckpoint.fromBytes(Arrays.copyOf(bytes, bytes.length - 1))).getMessage());
        byte[] version = bytes.clone();
        version[0] = 2;
        assertEquals("unsupported checkpoint version 2", assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.fromBytes(version)).getMessage());
    }

    @Test
    void resumeFrom_checkpointOfOtherPartyOrPastTheEnd_refused() {
        SecureJobSpec spec = spec(MaskMode.OPENED_BY_PARTIES);
        long[] labels = new long[spec.rows()];
        WeightShare w0 = new WeightShare(0, 16, new long[spec.features()], 0);
        ComputeParty party = new ComputeParty(1, spec, InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT)
                .get(Participant.PARTY_1));
        assertEquals("checkpoint of party 0 cannot resume party 1", assertThrows(IllegalArgumentException.class,
                () -> party.resumeFrom(new TrainingCheckpoint(0, 1, w0, labels))).getMessage());
        assertEquals("checkpoint after epoch 4 leaves nothing to train: the job has 4 epochs",
                assertThrows(IllegalArgumentException.class,
                        () -> party.resumeFrom(new TrainingCheckpoint(1, 4, new WeightShare(1, 16,
                                new long[spec.features()], 0), labels))).getMessage());
        assertEquals("resume after epoch 4: the job has 4 epochs", assertThrows(IllegalArgumentException.class,
                () -> new Dealer(spec, null, JobRandomness.secure(), 4)).getMessage());
    }

    /**
     * Runs every participant of one attempt in memory: the dealer from {@code dealer}, the data
     * owners with their own deterministic seeds {@code ownerSeed} (their randomness is not kept
     * across attempts), the parties from {@code resumeFrom} when given.
     */
    private static Attempt attempt(SecureJobSpec spec, JobRandomness dealer, long ownerSeed,
            List<TrainingCheckpoint> resumeFrom) {
        return attempt(spec, dealer, ownerSeed, resumeFrom, ExCacheSettings.DEFAULT);
    }

    private static Attempt attempt(SecureJobSpec spec, JobRandomness dealer, long ownerSeed,
            List<TrainingCheckpoint> resumeFrom, ExCacheSettings cache) {
        Map<Participant, Transport> net = InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT);
        List<Dataset> inputs = inputs(spec);
        JobRandomness owners = JobRandomness.insecureDeterministicForTesting(ownerSeed);
        int resumeAfter = resumeFrom == null ? 0 : resumeFrom.get(0).epoch();
        List<List<TrainingCheckpoint>> checkpoints = List.of(new ArrayList<>(), new ArrayList<>());
        List<CompletableFuture<WeightShare>> parties = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            ComputeParty party = new ComputeParty(p, spec, net.get(Participant.party(p)), cache);
            if (resumeFrom != null) {
                party.resumeFrom(resumeFrom.get(p));
            }
            List<TrainingCheckpoint> sink = checkpoints.get(p);
            parties.add(CompletableFuture.supplyAsync(() -> party.run(TrainingListener.NONE, sink::add)));
        }
        List<CompletableFuture<Void>> owning = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputParty owner = new InputParty(i, spec, net.get(Participant.inputParty(i)), owners);
            InputParty.EncodedRows rows = owner.encode(inputs.get(i));
            owning.add(CompletableFuture.runAsync(() -> owner.share(rows)));
        }
        new Dealer(spec, net.get(Participant.DEALER), dealer, resumeAfter).run();
        owning.forEach(CompletableFuture::join);
        WeightShare[] shares = {parties.get(0).join(), parties.get(1).join()};
        assertFalse(Arrays.equals(shares[0].weights(), shares[1].weights()));
        return new Attempt(shares, checkpoints);
    }
}
