package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, String> {
    List<Job> findByStateInListOrderBySubmittedAt(Collection<String> states);

    List<Job> listOrderBySubmittedAtDesc();

    long countByState(String state);
}
