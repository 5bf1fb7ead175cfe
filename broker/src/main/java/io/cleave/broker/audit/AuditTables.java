package io.cleave.broker.audit;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.LogLeaf;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox's hot paths in plain JDBC on the connection of the caller's transaction: every audit
 * record written, and every record the relay logs and delivers. Micronaut Data's entity saves and
 * row mapping cost more CPU per record here than the database's own work (binding conversions,
 * naming lookups, interceptors per call), and audit throughput is bounded by CPU. The SQL is
 * portable (PostgreSQL, and H2 in PostgreSQL mode); the repositories keep serving everything else.
 */
@Singleton
final class AuditTables {
    private static final String INSERT_RECORD = "INSERT INTO audit_log (id, occurred_at, organisation, actor, action, "
            + "subject_type, subject_id, correlation_id, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTBOX = "INSERT INTO audit_outbox (seq) VALUES (?)";
    /**
     * The outbox is read first and joined on the unique seq, one index lookup per record: the join
     * order is written out because H2 would otherwise walk the whole audit_log, and a list of seqs
     * as parameters would make H2 compare every row with every value.
     */
    private static final String SELECT_PENDING = "SELECT a.seq, a.id, a.occurred_at, a.organisation, a.actor, "
            + "a.action, a.subject_type, a.subject_id, a.correlation_id, a.details_json "
            + "FROM (SELECT seq FROM audit_outbox ORDER BY seq LIMIT ?) o JOIN audit_log a ON a.seq = o.seq "
            + "ORDER BY o.seq";
    private static final String NEXT_LEAF_INDEX = "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM audit_leaves";
    private static final String INSERT_LEAF = "INSERT INTO audit_leaves (leaf_index, audit_id, organisation, "
            + "occurred_at, leaf_hash, leaf) VALUES (?, ?, ?, ?, ?, ?)";
    /** One batched delete by key per row, for the same reason the pending query avoids a list of seqs. */
    private static final String DELETE_OUTBOX = "DELETE FROM audit_outbox WHERE seq = ?";
    private static final String SELECT_LEAVES = "SELECT leaf_index, audit_id, organisation, occurred_at, leaf_hash, "
            + "leaf FROM audit_leaves WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?";

    private final ConnectionOperations<Connection> connections;

    AuditTables(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /**
     * Inserts a record and its outbox row in the caller's transaction.
     *
     * @return the record with the seq the database gave it
     */
    AuditEntry insertRecord(AuditEntry entry) {
        Connection c = connections.getConnectionStatus().getConnection();
        try (PreparedStatement record = c.prepareStatement(INSERT_RECORD, new String[] {"seq"});
                PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX)) {
            record.setString(1, entry.id());
            record.setObject(2, utc(entry.occurredAt()));
            record.setString(3, entry.organisation());
            record.setString(4, entry.actor());
            record.setString(5, entry.action());
            record.setString(6, entry.subjectType());
            record.setString(7, entry.subjectId());
            record.setString(8, entry.correlationId());
            record.setString(9, entry.detailsJson());
            record.executeUpdate();
            long seq;
            try (ResultSet keys = record.getGeneratedKeys()) {
                keys.next();
                seq = keys.getLong(1);
            }
            outbox.setLong(1, seq);
            outbox.executeUpdate();
            return new AuditEntry(seq, entry.id(), entry.occurredAt(), entry.organisation(), entry.actor(),
                    entry.action(), entry.subjectType(), entry.subjectId(), entry.correlationId(), entry.detailsJson());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write audit record " + entry.action() + " of "
                    + entry.subjectType() + " " + entry.subjectId() + ": " + e.getMessage(), e);
        }
    }

    /** The oldest committed records the outbox holds, in seq order, at most {@code max}. */
    List<AuditEntry> pending(int max) {
        Connection c = connections.getConnectionStatus().getConnection();
        try (PreparedStatement s = c.prepareStatement(SELECT_PENDING)) {
            s.setInt(1, max);
            List<AuditEntry> pending = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pending.add(new AuditEntry(r.getLong(1), r.getString(2), instant(r, 3), r.getString(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                            r.getString(10)));
                }
            }
            return pending;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit outbox: " + e.getMessage(), e);
        }
    }

    /** The index the next leaf gets: one past the highest stored. */
    long nextLeafIndex() {
        Connection c = connections.getConnectionStatus().getConnection();
        try (PreparedStatement s = c.prepareStatement(NEXT_LEAF_INDEX); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log size: " + e.getMessage(), e);
        }
    }

    /** Appends leaves and removes their records from the outbox, in one batch each. */
    void appendLeaves(List<LogLeaf> leaves, List<AuditEntry> records) {
        Connection c = connections.getConnectionStatus().getConnection();
        try (PreparedStatement insert = c.prepareStatement(INSERT_LEAF);
                PreparedStatement delete = c.prepareStatement(DELETE_OUTBOX)) {
            for (LogLeaf leaf : leaves) {
                insert.setLong(1, leaf.leafIndex());
                insert.setString(2, leaf.auditId());
                insert.setString(3, leaf.organisation());
                insert.setObject(4, utc(leaf.occurredAt()));
                insert.setBytes(5, leaf.leafHash());
                insert.setString(6, leaf.leaf());
                insert.addBatch();
            }
            insert.executeBatch();
            for (AuditEntry record : records) {
                delete.setLong(1, record.seq());
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append " + leaves.size() + " leaves to the audit log from index "
                    + leaves.get(0).leafIndex() + ": " + e.getMessage(), e);
        }
    }

    /** Stored leaves from {@code fromIndex} on, in index order, at most {@code max}; in a read-only connection. */
    List<LogLeaf> leavesFrom(long fromIndex, int max) {
        return connections.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(SELECT_LEAVES)) {
                s.setLong(1, fromIndex);
                s.setInt(2, max);
                List<LogLeaf> leaves = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        leaves.add(new LogLeaf(r.getLong(1), r.getString(2), r.getString(3), instant(r, 4),
                                r.getBytes(5), r.getString(6)));
                    }
                }
                return leaves;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read audit log leaves from " + fromIndex + ": "
                        + e.getMessage(), e);
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }
}
