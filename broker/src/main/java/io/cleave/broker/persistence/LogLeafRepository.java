package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Leaves of the audit Merkle log; append-only, so it offers no update or delete. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LogLeafRepository extends GenericRepository<LogLeaf, Long> {
    <S extends LogLeaf> List<S> saveAll(Iterable<S> leaves);

    /** The index the next leaf gets: one past the highest stored. */
    @Query(value = "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM audit_leaves", nativeQuery = true)
    long nextIndex();

    List<LogLeaf> findByLeafIndexGreaterThanEqualsOrderByLeafIndex(long fromIndex, Pageable page);

    /** The leaf of one audit record; empty while the relay has not logged it yet. */
    Optional<LogLeaf> findByAuditId(String auditId);
}
