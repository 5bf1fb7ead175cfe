package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The canonical job spec bytes (base64) that consents sign the hash of. */
@MappedEntity("job_specs")
public record JobSpecBytes(@Id String jobId, String canonical) {
}
