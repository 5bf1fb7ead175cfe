package io.cleave.broker.audit;

import io.cleave.transparency.LeafHashStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;

/**
 * The audit log's leaf hashes as stored in {@code audit_leaves}. Read-only from the tree's side:
 * leaves enter the table in the relay's logging transaction together with their record text, and
 * the tree takes them in with {@link io.cleave.transparency.MerkleTree#refresh()} after commit, so
 * the tree never holds a leaf the database could still roll back.
 */
final class JdbcLeafHashStore implements LeafHashStore {
    private static final int PAGE = 10_000;
    private final DataSource dataSource;

    /**
     * @param dataSource the pool; a Micronaut contextual proxy is unwrapped, because the tree reads
     *     on its own connections and only what is committed, outside any transaction
     */
    JdbcLeafHashStore(DataSource dataSource) {
        this.dataSource = dataSource instanceof DelegatingDataSource d ? d.getTargetDataSource() : dataSource;
    }

    @Override
    public long size() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM audit_leaves");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the audit log leaves", e);
        }
    }

    @Override
    public byte[] get(long index) {
        byte[][] found = new byte[1][];
        read(index, index + 1, hash -> found[0] = hash);
        if (found[0] == null) {
            throw new IndexOutOfBoundsException("audit log has no leaf " + index);
        }
        return found[0];
    }

    /** Leaves are appended only by the relay's transaction; see the class comment. */
    @Override
    public void append(byte[] leafHash) {
        throw new UnsupportedOperationException("audit leaves are appended by the outbox relay's transaction");
    }

    @Override
    public void read(long fromIndex, long toIndex, Consumer<byte[]> sink) {
        String sql = "SELECT leaf_hash FROM audit_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (long from = fromIndex; from < toIndex; from += PAGE) {
                s.setLong(1, from);
                s.setLong(2, Math.min(toIndex, from + PAGE));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sink.accept(r.getBytes(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read audit log leaves [" + fromIndex + ", " + toIndex + ")", e);
        }
    }
}
