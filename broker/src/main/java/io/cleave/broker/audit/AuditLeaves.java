package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.LogLeaf;
import io.cleave.transparency.Rfc6962;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a committed audit record into its log leaf: the schema-v1 record with its leaf index, in
 * canonical JSON (docs/audit-record.md). The same text is the Kafka value and the exported line.
 */
@Singleton
final class AuditLeaves {
    private final JsonMapper json;

    AuditLeaves(JsonMapper json) {
        this.json = json;
    }

    LogLeaf leaf(AuditEntry entry, long index) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("schema_version", AuditRecordView.SCHEMA_VERSION);
        record.put("index", index);
        record.put("id", entry.id());
        record.put("seq", entry.seq());
        // Microseconds: what both databases keep, so the leaf never claims more than was stored.
        record.put("occurred_at", entry.occurredAt().truncatedTo(ChronoUnit.MICROS).toString());
        record.put("organisation", entry.organisation());
        record.put("actor", entry.actor());
        record.put("action", entry.action());
        record.put("subject_type", entry.subjectType());
        record.put("subject_id", entry.subjectId());
        record.put("correlation_id", entry.correlationId());
        record.put("details", details(entry));
        String text = CanonicalJson.write(record);
        byte[] hash = Rfc6962.leafHash(text.getBytes(StandardCharsets.UTF_8));
        return new LogLeaf(index, entry.id(), entry.organisation(), entry.occurredAt(), hash, text);
    }

    private Map<?, ?> details(AuditEntry entry) {
        try {
            return json.readValue(entry.detailsJson(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("audit record " + entry.id() + " has unreadable details", e);
        }
    }
}
