package io.cleave.broker.audit;

import io.cleave.broker.persistence.LogLeaf;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed audit records from the outbox into the Merkle log, then from the log to Kafka.
 *
 * <ol>
 *   <li>Log: {@link AuditSequencer} gives committed outbox records their leaf indices in one
 *       transaction; the tree takes them in and a new checkpoint is signed. This needs only the
 *       database, so the log keeps growing while Kafka is away.
 *   <li>Deliver: leaves after the position Kafka holds go out in Kafka transactions. The position
 *       is read from Kafka itself after start and after every failure, never remembered across a
 *       failure, so a crash between Kafka's commit and anything else cannot duplicate a record.
 * </ol>
 *
 * <p>The two steps run on separate threads ({@link io.cleave.broker.BackgroundWork} calls
 * {@link #logPending()} and {@link #deliverLogged()} repeatedly), so a Kafka client that blocks
 * never stops the log from growing; each method is called from one thread only.
 */
@Singleton
public class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    static final int BATCH = 1000;
    private final AuditSequencer sequencer;
    private final AuditLog log;
    private final AuditTables tables;
    private final AuditPublisher publisher;
    private final RelayMetrics metrics;
    private final Clock clock;
    /** Leaves Kafka holds, or -1 when unknown (at start and after a failure). */
    private long published = -1;
    private boolean databaseFailing;
    private boolean kafkaFailing;

    OutboxRelay(AuditSequencer sequencer, AuditLog log, AuditTables tables, AuditPublisher publisher,
            RelayMetrics metrics, Clock clock) {
        this.sequencer = sequencer;
        this.log = log;
        this.tables = tables;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Logs every committed record the outbox holds, as far as the database allows; never throws. */
    public void logPending() {
        int logged;
        do {
            logged = logBatch();
        } while (logged == BATCH);
    }

    private int logBatch() {
        try {
            int logged = sequencer.logBatch(BATCH);
            log.refresh();
            if (databaseFailing) {
                LOG.info("Audit relay logs records again");
                databaseFailing = false;
            }
            return logged;
        } catch (RuntimeException e) {
            if (!databaseFailing) {
                LOG.warn("Audit relay cannot log records; they stay in the outbox and will be retried: {}",
                        e.getMessage());
                databaseFailing = true;
            }
            return 0;
        }
    }

    /** Delivers logged leaves as far as Kafka allows; never throws, the next call retries. */
    public void deliverLogged() {
        try {
            if (published < 0) {
                metrics.attempting();
                published = publisher.publishedSize();
                metrics.positionKnown(published);
                if (kafkaFailing) {
                    kafkaFailing = false;
                    LOG.info("Audit relay reached Kafka again; it holds {} of {} log leaves", published, log.size());
                }
            }
            while (published < log.size()) {
                List<LogLeaf> batch = tables.leavesFrom(published, BATCH);
                metrics.attempting();
                publisher.publish(batch);
                published += batch.size();
                metrics.published(published, lags(batch));
            }
        } catch (RuntimeException e) {
            // Whatever failed, the position is asked of Kafka again before the next batch.
            published = -1;
            if (!kafkaFailing) {
                kafkaFailing = true;
                LOG.warn("Audit relay cannot deliver to Kafka; the log keeps growing and delivery resumes from "
                        + "what Kafka holds: {}", e.getMessage());
            }
            metrics.failed();
        }
    }

    private long[] lags(List<LogLeaf> batch) {
        long now = clock.millis();
        return batch.stream().mapToLong(l -> now - l.occurredAt().toEpochMilli()).toArray();
    }
}
