package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.cleave.broker.persistence.LogLeaf;
import io.cleave.broker.persistence.LogLeafRepository;
import io.cleave.broker.persistence.OutboxRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** A snapshot of the audit pipeline: backlog (the back-pressure signal) and lag, for {@code /api/system}. */
@Singleton
public final class RelayStatus {
    private final AuditRepository audit;
    private final OutboxRepository outbox;
    private final LogLeafRepository leaves;
    private final AuditLog log;
    private final RelayMetrics metrics;
    private final Clock clock;

    RelayStatus(AuditRepository audit, OutboxRepository outbox, LogLeafRepository leaves, AuditLog log,
            RelayMetrics metrics, Clock clock) {
        this.audit = audit;
        this.outbox = outbox;
        this.leaves = leaves;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param outboxPending committed records not yet in the log
     * @param logSize leaves in the Merkle log
     * @param kafkaPublished leaves Kafka holds (-1 until known)
     * @param lagMs age of the oldest record Kafka does not hold yet; 0 when none
     * @param lagP99Ms 99th percentile delivery lag of recent records
     * @param kafkaAvailable false since the last failed delivery, until one succeeds
     * @param deliveryFailures failed delivery attempts since start
     */
    @Serdeable
    public record Snapshot(long outboxPending, long logSize, long kafkaPublished, long lagMs, long lagP99Ms,
            boolean kafkaAvailable, long deliveryFailures) {

        /** Committed records Kafka does not hold yet: in the outbox, or logged and not delivered. */
        public long undelivered() {
            return outboxPending + logSize - Math.max(0, kafkaPublished);
        }
    }

    public Snapshot snapshot() {
        long published = metrics.publishedSize();
        long size = log.size();
        Stream<Instant> oldestInOutbox = audit.findPending(1).stream().map(AuditEntry::occurredAt);
        List<LogLeaf> firstUndelivered = published < size
                ? leaves.findByLeafIndexGreaterThanEqualsOrderByLeafIndex(Math.max(0, published), Pageable.from(0, 1))
                : List.of();
        long lag = Stream.concat(oldestInOutbox, firstUndelivered.stream().map(LogLeaf::occurredAt))
                .mapToLong(t -> Math.max(0, clock.millis() - t.toEpochMilli())).max().orElse(0);
        return new Snapshot(outbox.count(), size, published, lag, metrics.lagQuantileMs(0.99),
                metrics.kafkaAvailable(), metrics.failures());
    }
}
