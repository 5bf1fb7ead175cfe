package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.exceptions.NoTransactionException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;

/**
 * Writes audit records. It joins the caller's transaction and refuses to run without one, so a
 * state change and its record commit or roll back together (transactional outbox).
 *
 * <p>It checks for the transaction itself rather than through {@code @Transactional(MANDATORY)}:
 * the interceptor chain cost more CPU per record than either of the record's two inserts.
 */
@Singleton
public class AuditTrail {
    private final AuditTables tables;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final TimeOrderedIds ids;

    AuditTrail(AuditTables tables, TransactionOperations<Connection> transactions, Clock clock) {
        this.tables = tables;
        this.transactions = transactions;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
    }

    /**
     * Writes the record in the caller's transaction.
     *
     * @throws NoTransactionException if the caller has no transaction
     * @throws IllegalArgumentException if the details hold something other than strings, numbers,
     *     booleans, enums, lists and maps; the transaction is then marked to roll back
     */
    public AuditEntry record(AuditEvent event) {
        TransactionStatus<?> transaction = transactions.findTransactionStatus().orElseThrow(() ->
                new NoTransactionException("audit record " + event.action() + " of " + event.subjectType() + " "
                        + event.subjectId() + " must be written in the transaction of the change it records"));
        try {
            // Canonical text (sorted keys at every depth): what the relay hashes into the log.
            String details = CanonicalJson.write(event.details());
            return tables.insertRecord(new AuditEntry(null, ids.next(), clock.instant(), event.organisation(),
                    event.actor(), event.action(), event.subjectType(), event.subjectId(), event.correlationId(),
                    details));
        } catch (RuntimeException e) {
            // What a participant of @Transactional would do: the change must not commit without its record.
            transaction.setRollbackOnly();
            throw e;
        }
    }
}
