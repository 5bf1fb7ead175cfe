package io.cleave.broker.audit;

import io.cleave.broker.persistence.LogLeaf;
import java.util.List;

/**
 * Where the outbox relay delivers log leaves. The sink itself remembers how far it got, so a relay
 * that crashed between the sink's acknowledgement and its own bookkeeping resumes exactly after
 * the last delivered leaf: nothing is lost and nothing delivered twice.
 */
public interface AuditPublisher {
    /**
     * Number of leaves the sink holds: leaves {@code [0, n)} were delivered, each once. The relay
     * asks after it starts and after every failure, before it publishes again.
     *
     * @throws AuditDeliveryException if the sink cannot be reached; retriable
     */
    long publishedSize();

    /**
     * Delivers consecutive leaves, starting at {@link #publishedSize()}, all or none, and returns
     * once all are acknowledged.
     *
     * @throws AuditDeliveryException if the batch was not acknowledged; the caller asks
     *     {@link #publishedSize()} again before retrying
     */
    void publish(List<LogLeaf> leaves);
}
