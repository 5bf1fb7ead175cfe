package io.cleave.broker;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The broker's state on the embedded default: an H2 file in PostgreSQL mode. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2BrokerStateTest extends BrokerStateContract implements TestPropertyProvider {
    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        try {
            return TestDatabases.h2(Files.createTempDirectory("cleave-h2-"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runsOnH2() throws java.sql.SQLException {
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection()) {
            org.junit.jupiter.api.Assertions.assertEquals("H2", c.getMetaData().getDatabaseProductName());
        }
    }
}
