package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Query;
import java.util.Collection;
import java.util.List;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxEntry, String> {
    void deleteByAuditIdInList(Collection<String> auditIds);

    /** The oldest entries by seq; only committed ones are visible. */
    @Query(value = "SELECT audit_id, seq FROM audit_outbox ORDER BY seq LIMIT :limit", nativeQuery = true)
    List<OutboxEntry> oldest(int limit);
}
