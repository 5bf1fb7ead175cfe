package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AttestationRecordRepository extends CrudRepository<AttestationRecord, String> {
    /** The provider's latest verdict on its own evidence (not on a job's workload key). */
    Optional<AttestationRecord> findFirstByProviderIdAndJobIdIsNullOrderByIssuedAtDesc(String providerId);
}
