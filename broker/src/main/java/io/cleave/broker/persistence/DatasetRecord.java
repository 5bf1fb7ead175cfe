package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A dataset's public description: schema (JSON of the v1 DatasetSchema) and sizes, never values. */
@MappedEntity("datasets")
public record DatasetRecord(@Id String id, String organisationId, String providerId, String name, String schemaJson,
        long rowCount, int rowsPerPage, int pageCount, long sizeBytes, Instant registeredAt) {
}
