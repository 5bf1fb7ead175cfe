package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.dataset.Dataset;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import io.cleave.training.TrainingListener;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The ExCache over whole client-aided trainings: counts on a known access pattern, the capacity
 * bound, and bit-identical results whatever the cache size.
 */
class ExCacheTest {
    private static final Dataset PIMA = Jobs.prepare("pima_diabetes.csv", "class", 42).train();
    private static final int BLOCK_ROWS = 16;
    /** E and mask share of one full block of PIMA (8 features). */
    private static final long BLOCK_BYTES = BLOCK_ROWS * 8 * 16;

    /**
     * Batches of one block each: every epoch accesses each of the 36 blocks once. With room for all
     * of them only the first epoch misses; with 9 slots (4 streamed, 5 pinned) later epochs hit the
     * 5 pinned blocks and fetch the other 31 again.
     */
    @Test
    void training_oneBlockPerStep_countsHitsAndMissesOfTheSchedule() {
        assertEquals(576, PIMA.rows());
        int blocks = 576 / BLOCK_ROWS;
        ExCacheStats whole = clientAided(PIMA, 3, BLOCK_ROWS, new ExCacheSettings(blocks * BLOCK_BYTES, BLOCK_ROWS, 4));
        assertEquals(new ExCacheStats(2L * blocks, blocks, blocks * BLOCK_BYTES / 2, blocks * BLOCK_BYTES,
                blocks * BLOCK_BYTES, blocks * BLOCK_BYTES), whole);
        ExCacheStats quarter = clientAided(PIMA, 3, BLOCK_ROWS, new ExCacheSettings(9 * BLOCK_BYTES, BLOCK_ROWS, 4));
        long misses = blocks + 2L * (blocks - 5);
        // At the end the 5 pinned blocks and the last streamed one are resident.
        assertEquals(new ExCacheStats(2L * 5, misses, misses * BLOCK_BYTES / 2, 6 * BLOCK_BYTES, 9 * BLOCK_BYTES,
                9 * BLOCK_BYTES), quarter);
    }

    /** Four steps read each 32-row block: a pass counts each block once, whatever the batch size. */
    @Test
    void training_blocksLargerThanBatches_countOneAccessPerBlockAndPass() {
        ExCacheStats stats = clientAided(PIMA, 2, 8, new ExCacheSettings(1L << 20, 32, 4));
        assertEquals(18, stats.hits());
        assertEquals(18, stats.misses());
    }

    @Test
    void training_anyCapacity_neverHoldsMoreThanIt() {
        for (long capacity : new long[] {BLOCK_BYTES, 3 * BLOCK_BYTES + 1, 10 * BLOCK_BYTES, 20 * BLOCK_BYTES - 1}) {
            ExCacheStats stats = clientAided(PIMA, 2, 24, new ExCacheSettings(capacity, BLOCK_ROWS, 6));
            assertTrue(stats.peakResidentBytes() <= capacity, stats + " over " + capacity);
            assertTrue(stats.peakResidentBytes() > 0, "nothing was cached: " + stats);
        }
    }

    /**
     * Two data owners whose boundary and blocks do not line up with the batches (batch 32, blocks of
     * 7 rows): a quarter-size cache, the whole cache and the parties' own opening of E give the same
     * weight shares bit for bit.
     */
    @Test
    void training_quarterCache_sameSharesAsWholeCacheAndAsOpenedByParties() {
        Dataset data = Jobs.prepare("breast_cancer_wdbc.csv", "target", 42).train();
        int half = data.rows() / 2 + 3;
        List<Dataset> owners = List.of(data.select(IntStream.range(0, half).toArray()),
                data.select(IntStream.range(half, data.rows()).toArray()));
        SgdParameters sgd = new SgdParameters(3, 32, 0.1, 0);
        long all = (long) data.rows() * data.featureCount() * 16;
        LocalSecureTraining.Result opened = run(spec(data, owners, sgd, MaskMode.OPENED_BY_PARTIES), owners,
                ExCacheSettings.DEFAULT);
        LocalSecureTraining.Result whole = run(spec(data, owners, sgd, MaskMode.CLIENT_AIDED), owners,
                new ExCacheSettings(all, 7, 8));
        LocalSecureTraining.Result quarter = run(spec(data, owners, sgd, MaskMode.CLIENT_AIDED), owners,
                new ExCacheSettings(all / 4, 7, 8));
        long rowsOfE = (long) data.rows() * data.featureCount() * Long.BYTES;
        assertEquals(rowsOfE, whole.cache0().orElseThrow().fetchedBytes(), "a whole cache fetches each row once");
        assertTrue(quarter.cache0().orElseThrow().fetchedBytes() > 2 * rowsOfE, "a quarter cache fetches most rows"
                + " every epoch: " + quarter.cache0());
        assertArrayEquals(opened.share0(), whole.share0());
        assertArrayEquals(opened.share1(), whole.share1());
        assertArrayEquals(opened.share0(), quarter.share0());
        assertArrayEquals(opened.share1(), quarter.share1());
    }

    @Test
    void settings_capacityBelowOneBlock_refusedWithTheBlockSize() {
        SecureJobSpec spec = new SecureJobSpec(ModelKind.LOGISTIC, new SgdParameters(1, 64, 0.1, 0),
                FixedPoint.DEFAULT, 8, List.of(576), false, MaskMode.CLIENT_AIDED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalSecureTraining.run(spec,
                List.of(PIMA), InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT),
                JobRandomness.insecureDeterministicForTesting(1), TrainingListener.NONE,
                new ExCacheSettings(BLOCK_BYTES - 1, BLOCK_ROWS, 4)));
        assertEquals("an ExCache of 2047 bytes holds no block of this job: a block is 16 rows × 8 features × 16 bytes"
                + " = 2048 bytes", e.getMessage());
    }

    @Test
    void settings_nonPositiveValues_refused() {
        assertEquals("the ExCache size must be at least 1 byte, found 0",
                assertThrows(IllegalArgumentException.class, () -> new ExCacheSettings(0, 1, 1)).getMessage());
        assertEquals("an ExCache block needs at least one row, found 0",
                assertThrows(IllegalArgumentException.class, () -> new ExCacheSettings(1, 0, 1)).getMessage());
        assertEquals("the ExCache must prefetch at least one block, found -2",
                assertThrows(IllegalArgumentException.class, () -> new ExCacheSettings(1, 1, -2)).getMessage());
    }

    private static ExCacheStats clientAided(Dataset data, int epochs, int batch, ExCacheSettings cache) {
        SecureJobSpec spec = spec(data, List.of(data), new SgdParameters(epochs, batch, 0.1, 0), MaskMode.CLIENT_AIDED);
        return run(spec, List.of(data), cache).cache0().orElseThrow();
    }

    private static SecureJobSpec spec(Dataset data, List<Dataset> owners, SgdParameters sgd, MaskMode mode) {
        return new SecureJobSpec(ModelKind.LOGISTIC, sgd, FixedPoint.DEFAULT, data.featureCount(),
                owners.stream().map(Dataset::rows).toList(), false, mode);
    }

    private static LocalSecureTraining.Result run(SecureJobSpec spec, List<Dataset> owners, ExCacheSettings cache) {
        return LocalSecureTraining.run(spec, owners, InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT),
                JobRandomness.insecureDeterministicForTesting(9), TrainingListener.NONE, cache);
    }
}
