package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.TreeMap;

/**
 * Writes audit records. It joins the caller's transaction and refuses to run without one, so a
 * state change and its record commit or roll back together (transactional outbox).
 */
@Singleton
public class AuditTrail {
    private final AuditTables tables;
    private final JsonMapper json;
    private final Clock clock;
    private final TimeOrderedIds ids;

    AuditTrail(AuditTables tables, JsonMapper json, Clock clock) {
        this.tables = tables;
        this.json = json;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry record(AuditEvent event) {
        String details;
        try {
            // Sorted keys: the stored text is canonical, as later hashing of records requires.
            details = json.writeValueAsString(new TreeMap<>(event.details()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode audit details of " + event.action(), e);
        }
        return tables.insertRecord(new AuditEntry(null, ids.next(), clock.instant(), event.organisation(),
                event.actor(), event.action(), event.subjectType(), event.subjectId(), event.correlationId(), details));
    }
}
