package io.cleave.broker.audit;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.KafkaSettings;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster audit records go to: a configured one, or the in-process default. Created
 * when the broker starts, so that a broker without its audit sink fails at once.
 */
@Context
public final class KafkaCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);
    private final EmbeddedKafka embedded;
    private final String bootstrapServers;

    public KafkaCluster(KafkaSettings settings, BrokerConfig broker) {
        if (settings.embedded()) {
            long start = System.nanoTime();
            embedded = EmbeddedKafka.start(broker.dataDir().resolve("kafka"), settings.embeddedPort());
            bootstrapServers = embedded.bootstrapServers();
            LOG.info("No kafka bootstrap servers configured (kafka.bootstrap.servers): started an in-process "
                    + "single-node KRaft Kafka at {} in {} ms, log under {}", bootstrapServers,
                    (System.nanoTime() - start) / 1_000_000, broker.dataDir().resolve("kafka").toAbsolutePath());
        } else {
            embedded = null;
            bootstrapServers = settings.bootstrapServers();
            LOG.info("Publishing audit records to the Kafka cluster at {}", bootstrapServers);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @PreDestroy
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
