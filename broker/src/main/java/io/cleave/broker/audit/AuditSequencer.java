package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.cleave.broker.persistence.LogLeaf;
import io.cleave.broker.persistence.OutboxEntry;
import io.cleave.broker.persistence.LogLeafRepository;
import io.cleave.broker.persistence.OutboxRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives committed records their leaf index. One transaction takes the oldest outbox rows (only
 * committed ones are visible), appends them as leaves after the highest stored index and deletes
 * them from the outbox: a record is logged exactly once, and only after its own transaction
 * committed, so a slow transaction can never leave a gap that a later one would have to fill.
 */
@Singleton
public class AuditSequencer {
    private final AuditRepository audit;
    private final OutboxRepository outbox;
    private final LogLeafRepository leaves;
    private final AuditLeaves encoder;

    AuditSequencer(AuditRepository audit, OutboxRepository outbox, LogLeafRepository leaves, AuditLeaves encoder) {
        this.audit = audit;
        this.outbox = outbox;
        this.leaves = leaves;
        this.encoder = encoder;
    }

    /** Logs at most {@code max} pending records; returns how many it logged. */
    @Transactional
    public int logBatch(int max) {
        List<AuditEntry> pending = audit.findPending(max);
        if (pending.isEmpty()) {
            return 0;
        }
        long next = leaves.nextIndex();
        List<LogLeaf> batch = new ArrayList<>(pending.size());
        for (AuditEntry entry : pending) {
            batch.add(encoder.leaf(entry, next++));
        }
        leaves.saveAll(batch);
        // One batched delete by key per row: a list of seqs in one statement costs H2 a comparison of
        // every row with every value.
        outbox.deleteAll(pending.stream().map(e -> new OutboxEntry(e.seq())).toList());
        return batch.size();
    }
}
