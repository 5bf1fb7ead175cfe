package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of the audit trail. {@code seq} is assigned by the database and orders the trail. */
@MappedEntity("audit_log")
public record AuditEntry(@Id @GeneratedValue @Nullable Long seq, String id, Instant occurredAt,
        @Nullable String organisation, String actor, String action, String subjectType, String subjectId,
        @Nullable String correlationId, String detailsJson) {
}
