package io.cleave.compute.cache;

import io.cleave.compute.config.ComputeProviderConfig;
import io.cleave.mpc.ExCacheSettings;
import io.cleave.mpc.ExCacheStats;
import io.cleave.protocols.v1.ExCacheProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ExCache of this compute provider: its size from {@code cleave.compute.excache-size} (checked
 * at start, so a bad value stops the provider with the reason instead of failing its first job),
 * and its counters on /prometheus: {@code cleave_excache_hits_total}, {@code _misses_total},
 * {@code _fetched_bytes_total} over every task, and {@code cleave_excache_resident_bytes} of the
 * task in progress (or the last one). Counts only: nothing of E or the data.
 */
@Singleton
public final class ExCacheMetrics {
    private final ExCacheSettings settings;
    private final Counter hits;
    private final Counter misses;
    private final Counter fetched;
    private final AtomicLong resident = new AtomicLong();

    public ExCacheMetrics(ComputeProviderConfig config, MeterRegistry registry) {
        try {
            this.settings = ExCacheSettings.of(config.excacheSize());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cleave.compute.excache-size (CLEAVE_COMPUTE_EXCACHE_SIZE): "
                    + e.getMessage());
        }
        hits = Counter.builder("cleave.excache.hits").description("ExCache accesses served without a fetch")
                .register(registry);
        misses = Counter.builder("cleave.excache.misses")
                .description("ExCache accesses that fetched a block of E from a data owner").register(registry);
        fetched = Counter.builder("cleave.excache.fetched").baseUnit("bytes")
                .description("Bytes of E fetched from data owners").register(registry);
        Gauge.builder("cleave.excache.resident", resident, AtomicLong::get).baseUnit("bytes")
                .description("Bytes the ExCache of the task in progress (or the last one) holds").register(registry);
        Gauge.builder("cleave.excache.capacity", settings, ExCacheSettings::capacityBytes).baseUnit("bytes")
                .description("Configured ExCache size (cleave.compute.excache-size)").register(registry);
    }

    public ExCacheSettings settings() {
        return settings;
    }

    /** Counters of one task: each {@link Task#update} adds what changed since the task's previous one. */
    public Task startTask() {
        resident.set(0);
        return new Task();
    }

    /** One task's view; used by the task's own thread. */
    public final class Task {
        private ExCacheStats last = new ExCacheStats(0, 0, 0, 0, 0, settings.capacityBytes());

        private Task() {
        }

        /** Adds the change since the last update to the provider's totals; returns the task's totals for its progress report. */
        public ExCacheProgress update(ExCacheStats now) {
            hits.increment(now.hits() - last.hits());
            misses.increment(now.misses() - last.misses());
            fetched.increment(now.fetchedBytes() - last.fetchedBytes());
            resident.set(now.residentBytes());
            last = now;
            return ExCacheProgress.newBuilder().setHits(now.hits()).setMisses(now.misses())
                    .setFetchedBytes(now.fetchedBytes()).setResidentBytes(now.residentBytes())
                    .setCapacityBytes(now.capacityBytes()).build();
        }
    }
}
