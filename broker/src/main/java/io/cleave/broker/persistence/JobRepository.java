package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends CrudRepository<Job, String> {
    List<Job> findByStateInListOrderBySubmittedAt(Collection<String> states);

    List<Job> listOrderBySubmittedAtDesc();

    long countByState(String state);

    /**
     * Reads a job and locks its row until the transaction ends, so that transitions made at once by
     * the scheduler and by providers' reports apply one after the other, never over each other.
     */
    @Query(value = "SELECT * FROM jobs WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<Job> lockById(String id);
}
