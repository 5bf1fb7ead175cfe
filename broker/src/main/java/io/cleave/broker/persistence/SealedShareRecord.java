package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** One compute party's weight share sealed to one recipient (base64 box), with the party's commitment (hex). */
@MappedEntity("sealed_shares")
public record SealedShareRecord(@EmbeddedId Key key, String sealedBox, String commitment) {

    @Embeddable
    public record Key(@MappedProperty("job_id") String jobId, @MappedProperty("party") int party,
            @MappedProperty("recipient") String recipient) {
    }
}
