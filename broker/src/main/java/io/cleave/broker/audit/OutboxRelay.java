package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.cleave.broker.persistence.OutboxRepository;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed audit records from the outbox to Kafka: publish a batch, wait for every
 * acknowledgement, then delete it from the outbox. A failure leaves the batch in the outbox for
 * the next run, so nothing is lost while Kafka is away.
 */
@Singleton
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private final AuditRepository audit;
    private final OutboxRepository outbox;
    private final AuditPublisher publisher;
    private volatile boolean failing;

    public OutboxRelay(AuditRepository audit, OutboxRepository outbox, AuditPublisher publisher) {
        this.audit = audit;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    /** Drains the outbox as far as Kafka allows; run repeatedly by {@link io.cleave.broker.BackgroundWork}. */
    public void run() {
        try {
            int delivered;
            do {
                delivered = relayBatch();
            } while (delivered == BATCH);
            if (failing) {
                LOG.info("Audit relay recovered: the outbox is draining to Kafka again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // Kafka or the database is away: the records stay in the outbox and the next run retries.
            if (!failing) {
                LOG.warn("Audit relay paused; records stay in the outbox and will be retried: {}", e.getMessage());
                failing = true;
            }
        }
    }

    /** Publishes the oldest pending batch; returns how many records it delivered. */
    int relayBatch() {
        List<AuditEntry> pending = audit.pendingPublication(BATCH);
        if (pending.isEmpty()) {
            return 0;
        }
        publisher.publish(pending);
        outbox.deleteByAuditIdInList(pending.stream().map(AuditEntry::id).toList());
        return pending.size();
    }
}
