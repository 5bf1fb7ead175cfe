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
 * @param auditTopic {@code cleave.kafka.audit-topic}: the topic every audit record is published to, keyed by
 *     organisation; each organisation's records also go to {@code <auditTopic>.<organisation>}
 * @param transactionalId {@code cleave.kafka.transactional-id}: the relay's Kafka transactional id; must stay
 *     the same across restarts of one broker's log (it fences a crashed relay's unfinished batch) and differ
 *     between logs
 */
public record KafkaSettings(String bootstrapServers, int embeddedPort, String auditTopic, String transactionalId) {

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    /** The topic of one organisation's records. */
    public String organisationTopic(String organisation) {
        return auditTopic + "." + organisation;
    }

    @Factory
    static final class FromProperties {
        @Singleton
        KafkaSettings kafkaSettings(@Value("${kafka.bootstrap.servers:}") String bootstrapServers,
                @Value("${cleave.kafka.embedded-port:0}") int embeddedPort,
                @Value("${cleave.kafka.audit-topic:cleave.audit}") String auditTopic,
                @Value("${cleave.kafka.transactional-id:cleave-audit-relay}") String transactionalId) {
            return new KafkaSettings(bootstrapServers, embeddedPort, auditTopic, transactionalId);
        }
    }
}
