package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobCheckpointRepository extends CrudRepository<JobCheckpoint, JobCheckpoint.Key> {
    List<JobCheckpoint> findByKeyJobId(String jobId);
}
