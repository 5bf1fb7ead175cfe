package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditEntry, Long> {
    List<AuditEntry> findBySeqGreaterThanOrderBySeq(long afterSeq, Pageable page);

    List<AuditEntry> findByOrganisationAndSeqGreaterThanOrderBySeq(String organisation, long afterSeq, Pageable page);

    List<AuditEntry> findBySubjectIdOrderBySeq(String subjectId);

    List<AuditEntry> findBySeqInList(Collection<Long> seqs);
}
