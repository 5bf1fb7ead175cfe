package io.cleave.broker.persistence;

import io.cleave.mpc.ExCacheStats;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/**
 * One finished epoch of a job; the loss only when the job declared it may be opened; the ExCache
 * counters of party 0 (totals of its attempt so far) only for a SECRET_SHARED job.
 */
@MappedEntity("job_progress")
public record JobProgress(@EmbeddedId Key key, long step, @Nullable Double loss, Instant reportedAt,
        @Nullable Long excacheHits, @Nullable Long excacheMisses, @Nullable Long excacheFetchedBytes) {

    /** The share of block visits that needed no fetch, or null without ExCache counters. */
    public @Nullable Double excacheHitRate() {
        if (excacheHits == null || excacheMisses == null) {
            return null;
        }
        double rate = ExCacheStats.hitRate(excacheHits, excacheMisses);
        return Double.isNaN(rate) ? null : rate;
    }

    @Embeddable
    public record Key(@MappedProperty("job_id") String jobId, @MappedProperty("epoch") int epoch) {
    }
}
