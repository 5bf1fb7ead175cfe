package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditEntry, Long> {
    List<AuditEntry> findBySeqGreaterThanOrderBySeq(long afterSeq, Pageable page);

    List<AuditEntry> findBySubjectIdOrderBySeq(String subjectId);

    /** The oldest committed records not yet in the Merkle log, in trail order. */
    @Query(value = "SELECT a.* FROM audit_log a JOIN audit_outbox o ON o.audit_id = a.id ORDER BY a.seq LIMIT :limit",
            nativeQuery = true)
    List<AuditEntry> pendingPublication(int limit);
}
