package io.cleave.broker.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProviderRepository extends CrudRepository<Provider, String> {
    Optional<Provider> findByOrganisationIdAndName(String organisationId, String name);

    List<Provider> findByKindOrderByRegisteredAt(String kind);

    List<Provider> listOrderByRegisteredAt();
}
