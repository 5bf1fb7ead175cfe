package io.cleave.broker.audit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates audit topics before the first record goes to them, with one partition each: every
 * consumer of a topic then sees its records in log order, which preserves the order per subject
 * and lets the relay find its last delivered leaf at the topic's end.
 */
final class AuditTopics {
    private final String bootstrapServers;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    AuditTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** @throws AuditDeliveryException if Kafka does not answer; retriable */
    void ensure(Set<String> topics) {
        Set<String> missing = topics.stream().filter(t -> !known.contains(t)).collect(java.util.stream.Collectors.toSet());
        if (missing.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers,
                "default.api.timeout.ms", 10_000, "request.timeout.ms", 5_000))) {
            var results = admin.createTopics(missing.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).values();
            for (var e : results.entrySet()) {
                awaitCreated(e.getKey(), e.getValue());
            }
        }
    }

    private void awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> created) {
        try {
            created.get(10, TimeUnit.SECONDS);
            known.add(topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new AuditDeliveryException("cannot create the audit topic " + topic + " at " + bootstrapServers
                        + ": " + e.getCause().getMessage(), e);
            }
            known.add(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditDeliveryException("interrupted while creating the audit topic " + topic, e);
        } catch (TimeoutException e) {
            throw new AuditDeliveryException("Kafka at " + bootstrapServers + " did not create " + topic
                    + " within 10 s", e);
        }
    }
}
