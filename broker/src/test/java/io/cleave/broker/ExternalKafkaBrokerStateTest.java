package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cleave.broker.audit.EmbeddedKafka;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With {@code kafka.bootstrap.servers} set, the broker publishes to that cluster and starts none of
 * its own. The "existing cluster" here is a separate single-node KRaft Kafka on its own port.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalKafkaBrokerStateTest extends BrokerStateContract implements TestPropertyProvider {
    private EmbeddedKafka external;

    @Override
    public Map<String, String> getProperties() {
        try {
            external = EmbeddedKafka.start(Files.createTempDirectory("cleave-external-kafka-"), 0);
            Map<String, String> p = TestDatabases.h2(Files.createTempDirectory("cleave-h2-ext-"));
            p.put("kafka.bootstrap.servers", external.bootstrapServers());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void usesTheConfiguredCluster() {
        assertFalse(kafka.isEmbedded());
        assertEquals(external.bootstrapServers(), kafka.bootstrapServers());
    }

    @AfterAll
    void stopExternal() {
        external.close();
    }
}
