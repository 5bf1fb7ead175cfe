package io.cleave.broker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where audit records go ({@code cleave.kafka.*}).
 *
 * @param bootstrapServers an existing cluster; empty starts an in-process single-node KRaft Kafka
 * @param embeddedPort client port of the in-process Kafka; 0 picks a free one
 * @param auditTopic the topic every audit record is published to, keyed by organisation; each
 *     organisation's records also go to {@code <auditTopic>.<organisation>}
 * @param transactionalId the relay's Kafka transactional id; must stay the same across restarts
 *     of one broker's log (it fences a crashed relay's unfinished batch) and differ between logs
 */
@ConfigurationProperties("cleave.kafka")
public record KafkaSettings(
        @Bindable(defaultValue = "") String bootstrapServers,
        @Bindable(defaultValue = "0") int embeddedPort,
        @Bindable(defaultValue = "cleave.audit") String auditTopic,
        @Bindable(defaultValue = "cleave-audit-relay") String transactionalId) {

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    /** The topic of one organisation's records. */
    public String organisationTopic(String organisation) {
        return auditTopic + "." + organisation;
    }
}
