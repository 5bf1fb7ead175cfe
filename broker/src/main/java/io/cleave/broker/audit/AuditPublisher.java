package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import java.util.List;

/** Where the outbox relay delivers audit records. */
public interface AuditPublisher {
    /**
     * Delivers the records in order and returns once all are acknowledged.
     *
     * @throws AuditDeliveryException if any record was not acknowledged; the caller retries the batch
     */
    void publish(List<AuditEntry> records);
}
