package io.cleave.broker;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The state contract against the deployment's images: PostgreSQL 15 and Apache Kafka (KRaft) in
 * containers, as compose/ runs them. Skipped where no Docker daemon runs; the same behaviour is
 * covered here by {@link PostgresBrokerStateTest} (local PostgreSQL, in-process Kafka).
 */
@Testcontainers(disabledWithoutDocker = true)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerBrokerStateTest extends BrokerStateContract implements TestPropertyProvider {
    private final PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15");
    private final KafkaContainer kafkaContainer = new KafkaContainer("apache/kafka:4.1.0");

    @Override
    public Map<String, String> getProperties() {
        postgres.start();
        kafkaContainer.start();
        try {
            Map<String, String> p = TestDatabases.base(Files.createTempDirectory("cleave-containers-"));
            p.put("datasources.default.url", postgres.getJdbcUrl());
            p.put("datasources.default.username", postgres.getUsername());
            p.put("datasources.default.password", postgres.getPassword());
            p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
            p.put("kafka.bootstrap.servers", kafkaContainer.getBootstrapServers());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopContainers() {
        kafkaContainer.stop();
        postgres.stop();
    }
}
