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

    List<AuditEntry> findByOrganisationAndSeqGreaterThanOrderBySeq(String organisation, long afterSeq, Pageable page);

    List<AuditEntry> findBySubjectIdOrderBySeq(String subjectId);

    /**
     * The oldest records the outbox holds, in seq order; only committed ones are visible. The
     * outbox is read first and joined on the unique seq, one index lookup per record: the join
     * order is written out because H2 would otherwise walk the whole audit_log, and a list of
     * seqs as parameters would make H2 compare every row with every value.
     */
    @Query(value = "SELECT a.* FROM (SELECT seq FROM audit_outbox ORDER BY seq LIMIT :limit) o "
            + "JOIN audit_log a ON a.seq = o.seq ORDER BY o.seq", nativeQuery = true)
    List<AuditEntry> findPending(int limit);
}
