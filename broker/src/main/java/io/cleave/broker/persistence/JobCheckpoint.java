package io.cleave.broker.persistence;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** The latest sealed checkpoint a compute party reported: epoch and SHA-256 of the sealed file. */
@MappedEntity("job_checkpoints")
public record JobCheckpoint(@EmbeddedId Key key, int epoch, String commitment, int attempt, Instant recordedAt) {

    @Embeddable
    public record Key(@MappedProperty("job_id") String jobId, @MappedProperty("role") String role) {
    }
}
