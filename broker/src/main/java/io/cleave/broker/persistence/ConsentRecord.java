package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** An organisation's verified, signed decision on a job. */
@MappedEntity("consents")
public record ConsentRecord(@EmbeddedId Key key, String decision, String signature, @Nullable String reason,
        Instant decidedAt) {

    @Embeddable
    public record Key(@MappedProperty("job_id") String jobId, @MappedProperty("organisation") String organisation) {
    }
}
