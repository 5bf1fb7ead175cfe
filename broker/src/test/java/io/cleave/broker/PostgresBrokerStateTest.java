package io.cleave.broker;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The same contract on PostgreSQL, the production database (a fresh database on 127.0.0.1:5432). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresBrokerStateTest extends BrokerStateContract implements TestPropertyProvider {
    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    private final String database = TestDatabases.newDatabaseName();

    @Override
    public Map<String, String> getProperties() {
        try {
            return TestDatabases.postgres(Files.createTempDirectory("cleave-pg-"), database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void dropDatabase() {
        TestDatabases.dropPostgres(database);
    }

    @Test
    void runsOnPostgre() throws java.sql.SQLException {
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection()) {
            org.junit.jupiter.api.Assertions.assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
        }
    }
}
