package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** A provider's part in a job: a compute party, or a memory provider serving one dataset. */
@MappedEntity("job_parties")
public record JobParty(@EmbeddedId Key key, @Nullable String datasetId, @Nullable String grantToken) {

    @Embeddable
    public record Key(@MappedProperty("job_id") String jobId, @MappedProperty("provider_id") String providerId,
            @MappedProperty("role") String role) {
    }
}
