package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrganisationRepository extends CrudRepository<Organisation, String> {
    Optional<Organisation> findByName(String name);

    List<Organisation> listOrderByName();
}
