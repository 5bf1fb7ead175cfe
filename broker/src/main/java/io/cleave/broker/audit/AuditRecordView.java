package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * An audit record (schema version 1, docs/audit-record.md) as the REST audit listing shows it.
 * The log leaf, Kafka value and export line are the same fields plus the leaf {@code index}, in
 * canonical JSON (see {@link AuditLeaves}).
 */
@Serdeable
public record AuditRecordView(int schemaVersion, String id, long seq, Instant occurredAt,
        @Nullable String organisation, String actor, String action, String subjectType, String subjectId,
        @Nullable String correlationId, Map<String, Object> details) {

    public static final int SCHEMA_VERSION = 1;

    @SuppressWarnings("unchecked")
    public static AuditRecordView of(AuditEntry entry, JsonMapper json) {
        try {
            Map<String, Object> details = json.readValue(entry.detailsJson(), Map.class);
            return new AuditRecordView(SCHEMA_VERSION, entry.id(), entry.seq(), entry.occurredAt(), entry.organisation(),
                    entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(), entry.correlationId(),
                    details);
        } catch (IOException e) {
            throw new UncheckedIOException("audit record " + entry.id() + " has unreadable details", e);
        }
    }
}
