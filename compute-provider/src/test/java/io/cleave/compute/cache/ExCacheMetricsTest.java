package io.cleave.compute.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.compute.config.ComputeProviderConfig;
import io.cleave.mpc.ExCacheStats;
import io.cleave.protocols.v1.ExCacheProgress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ExCacheMetricsTest {
    private static ComputeProviderConfig config(long excacheSize) {
        return new ComputeProviderConfig("127.0.0.1:50051", "org", "compute-1", 2, 1L << 30, ".cleave/compute-state",
                excacheSize);
    }

    @Test
    void start_nonPositiveSize_refusedNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ExCacheMetrics(config(0), new SimpleMeterRegistry()));
        assertEquals("cleave.compute.excache-size (CLEAVE_COMPUTE_EXCACHE_SIZE): the ExCache size must be at least 1 "
                + "byte, found 0", e.getMessage());
    }

    /** Two tasks: the provider's counters add each task's changes; the gauge follows the task in progress. */
    @Test
    void update_addsChangesSinceTheLastUpdateAndReportsTaskTotals() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ExCacheMetrics metrics = new ExCacheMetrics(config(4096), registry);
        ExCacheMetrics.Task first = metrics.startTask();
        first.update(new ExCacheStats(1, 2, 100, 300, 300, 4096));
        ExCacheProgress last = first.update(new ExCacheStats(5, 3, 150, 200, 300, 4096));
        assertEquals(ExCacheProgress.newBuilder().setHits(5).setMisses(3).setFetchedBytes(150).setResidentBytes(200)
                .setCapacityBytes(4096).build(), last);
        metrics.startTask().update(new ExCacheStats(2, 1, 40, 80, 80, 4096));
        assertEquals(7, registry.get("cleave.excache.hits").counter().count());
        assertEquals(4, registry.get("cleave.excache.misses").counter().count());
        assertEquals(190, registry.get("cleave.excache.fetched").counter().count());
        assertEquals(80, registry.get("cleave.excache.resident").gauge().value());
        assertEquals(4096, registry.get("cleave.excache.capacity").gauge().value());
        assertEquals(4096, metrics.settings().capacityBytes());
    }
}
