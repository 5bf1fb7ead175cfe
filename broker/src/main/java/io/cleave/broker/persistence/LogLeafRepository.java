package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * Leaves of the audit Merkle log, for reading; the relay appends them (see
 * {@code io.cleave.broker.audit.AuditTables}), and nothing updates or deletes them.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LogLeafRepository extends GenericRepository<LogLeaf, Long> {
    List<LogLeaf> findByLeafIndexGreaterThanEqualsOrderByLeafIndex(long fromIndex, Pageable page);

    /** The leaf of one audit record; empty while the relay has not logged it yet. */
    Optional<LogLeaf> findByAuditId(String auditId);
}
