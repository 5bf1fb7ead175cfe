package io.cleave.broker.audit;

import io.cleave.broker.config.KafkaSettings;
import io.cleave.broker.persistence.AuditEntry;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes audit records to Kafka with the idempotent producer and {@code acks=all}, keyed by
 * organisation so that each organisation's records stay in order.
 */
@Singleton
public final class KafkaAuditPublisher implements AuditPublisher, AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final JsonMapper json;

    public KafkaAuditPublisher(KafkaCluster cluster, KafkaSettings settings, JsonMapper json) {
        this.topic = settings.auditTopic();
        this.json = json;
        createTopic(cluster.bootstrapServers(), topic);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cleave-broker-audit");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void createTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the audit topic " + topic + " at " + bootstrapServers, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the audit topic", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        }
    }

    @Override
    public void publish(List<AuditEntry> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (AuditEntry entry : records) {
            acks.add(producer.send(new ProducerRecord<>(topic, entry.organisation(), value(entry))));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditDeliveryException("interrupted while awaiting Kafka acknowledgements", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AuditDeliveryException("Kafka did not acknowledge an audit record: " + e.getMessage(), e);
            }
        }
    }

    private String value(AuditEntry entry) {
        try {
            return json.writeValueAsString(AuditRecordView.of(entry, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
