package io.cleave.broker.audit;

import io.cleave.broker.config.KafkaSettings;
import io.cleave.broker.persistence.LogLeaf;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes log leaves to Kafka with a transactional producer ({@code acks=all}, idempotent, a
 * stable {@code transactional.id}): each batch goes to {@code cleave.audit} and to the
 * organisation topics in one Kafka transaction, all or none. The value is the canonical leaf
 * text, the key the organisation.
 *
 * <p>Why transactions and not only idempotence: the idempotent producer removes duplicates from
 * its own retries, but a relay that crashes after Kafka acknowledged a batch and before it noted
 * so would send the batch again from a new producer. Here the relay notes nothing: after every
 * start or failure it re-creates the producer, whose {@code initTransactions} aborts any
 * unfinished batch of its predecessor, then reads the last committed leaf index from the topic.
 *
 * <p>Used by the relay thread; synchronized so that closing waits for a batch in flight.
 */
@Singleton
public final class KafkaAuditPublisher implements AuditPublisher, AutoCloseable {
    private final KafkaSettings settings;
    private final String bootstrapServers;
    private final AuditTopics topics;
    private final KafkaLogTail tail;
    private KafkaProducer<String, String> producer;
    private boolean closed;

    public KafkaAuditPublisher(KafkaCluster cluster, KafkaSettings settings, JsonMapper json) {
        this.settings = settings;
        this.bootstrapServers = cluster.bootstrapServers();
        this.topics = new AuditTopics(bootstrapServers);
        this.tail = new KafkaLogTail(bootstrapServers, settings.auditTopic(), json);
    }

    @Override
    public synchronized long publishedSize() {
        if (closed) {
            throw new AuditDeliveryException("the audit publisher is closed", null);
        }
        topics.ensure(Set.of(settings.auditTopic()));
        reset();
        try {
            producer = newProducer();
            producer.initTransactions();
        } catch (KafkaException e) {
            reset();
            throw new AuditDeliveryException("cannot start the audit producer at " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
        return tail.publishedSize();
    }

    @Override
    public synchronized void publish(List<LogLeaf> leaves) {
        if (producer == null) {
            throw new IllegalStateException("publish called before publishedSize()");
        }
        topics.ensure(topicsOf(leaves));
        try {
            producer.beginTransaction();
            for (LogLeaf leaf : leaves) {
                producer.send(new ProducerRecord<>(settings.auditTopic(), leaf.organisation(), leaf.leaf()));
                if (leaf.organisation() != null) {
                    producer.send(new ProducerRecord<>(settings.organisationTopic(leaf.organisation()),
                            leaf.organisation(), leaf.leaf()));
                }
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            // Whatever state the transaction is in, the next publishedSize() aborts or finds it.
            reset();
            throw new AuditDeliveryException("Kafka did not commit the audit batch from leaf "
                    + leaves.get(0).leafIndex() + ": " + e.getMessage(), e);
        }
    }

    private Set<String> topicsOf(List<LogLeaf> leaves) {
        Set<String> names = new HashSet<>();
        names.add(settings.auditTopic());
        leaves.stream().filter(l -> l.organisation() != null)
                .forEach(l -> names.add(settings.organisationTopic(l.organisation())));
        return names;
    }

    private KafkaProducer<String, String> newProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cleave-broker-audit");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
