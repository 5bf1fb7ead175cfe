package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.LogLeaf;
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
    private final AuditTables tables;
    private final AuditLeaves encoder;

    AuditSequencer(AuditTables tables, AuditLeaves encoder) {
        this.tables = tables;
        this.encoder = encoder;
    }

    /** Logs at most {@code max} pending records; returns how many it logged. */
    @Transactional
    public int logBatch(int max) {
        List<AuditEntry> pending = tables.pending(max);
        if (pending.isEmpty()) {
            return 0;
        }
        long next = tables.nextLeafIndex();
        List<LogLeaf> batch = new ArrayList<>(pending.size());
        for (AuditEntry entry : pending) {
            batch.add(encoder.leaf(entry, next++));
        }
        tables.appendLeaves(batch, pending);
        return batch.size();
    }
}
