package io.cleave.broker.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Where audit records go.
 *
 * @param bootstrapServers {@code kafka.bootstrap.servers}, the property every Kafka client knows: an
 *     existing cluster; empty starts an in-process single-node KRaft Kafka
 * @param embeddedPort {@code cleave.kafka.embedded-port}: client port of the in-process Kafka; 0 picks a free one
 * @param auditTopic {@code cleave.kafka.audit-topic}: the topic every audit record is published to
 */
public record KafkaSettings(String bootstrapServers, int embeddedPort, String auditTopic) {

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    @Factory
    static final class FromProperties {
        @Singleton
        KafkaSettings kafkaSettings(@Value("${kafka.bootstrap.servers:}") String bootstrapServers,
                @Value("${cleave.kafka.embedded-port:0}") int embeddedPort,
                @Value("${cleave.kafka.audit-topic:cleave.audit}") String auditTopic) {
            return new KafkaSettings(bootstrapServers, embeddedPort, auditTopic);
        }
    }
}
