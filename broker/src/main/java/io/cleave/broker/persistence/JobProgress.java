package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** One finished epoch of a job; the loss only when the job declared it may be opened. */
@MappedEntity("job_progress")
public record JobProgress(@EmbeddedId Key key, long step, @Nullable Double loss, Instant reportedAt) {

    @Embeddable
    public record Key(@MappedProperty("job_id") String jobId, @MappedProperty("epoch") int epoch) {
    }
}
