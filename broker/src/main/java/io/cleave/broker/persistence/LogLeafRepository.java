package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Leaves of the audit Merkle log; append-only, so it offers no update or delete. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LogLeafRepository extends GenericRepository<LogLeaf, Long> {
    <S extends LogLeaf> List<S> saveAll(Iterable<S> leaves);

    /** The index the next leaf gets: one past the highest stored. */
    @Query(value = "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM audit_leaves", nativeQuery = true)
    long nextIndex();

    List<LogLeaf> findByLeafIndexGreaterThanEqualsOrderByLeafIndex(long fromIndex, Pageable page);
}
