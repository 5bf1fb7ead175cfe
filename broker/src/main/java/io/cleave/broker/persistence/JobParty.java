package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedEntity;

/** A provider's part in a job: a compute party, or a memory provider serving one dataset. */
@MappedEntity("job_parties")
public record JobParty(@EmbeddedId Key key, @Nullable String datasetId, @Nullable String grantToken) {

    @Embeddable
    public record Key(String jobId, String providerId, String role) {
    }
}
