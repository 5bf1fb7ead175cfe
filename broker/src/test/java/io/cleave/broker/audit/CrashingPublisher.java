package io.cleave.broker.audit;

import io.cleave.broker.config.KafkaSettings;
import io.cleave.broker.persistence.LogLeaf;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The real publisher with two crashes of the relay: on its first batch of two leaves or more it
 * dies mid-batch (half the batch written to Kafka in a transaction that is never committed nor
 * aborted, by a producer left running as a crashed process would leave it); on the next batch it
 * dies after Kafka committed the whole batch, before the relay could note it.
 */
@Singleton
@Replaces(KafkaAuditPublisher.class)
@Requires(property = "test.crash-publisher", value = "true")
final class CrashingPublisher implements AuditPublisher {
    private final KafkaAuditPublisher real;
    private final KafkaCluster cluster;
    private final KafkaSettings settings;
    private final List<KafkaProducer<String, String>> zombies = new ArrayList<>();
    private boolean diedMidBatch;
    private boolean diedAfterCommit;

    CrashingPublisher(KafkaCluster cluster, KafkaSettings settings, JsonMapper json) {
        this.real = new KafkaAuditPublisher(cluster, settings, json);
        this.cluster = cluster;
        this.settings = settings;
    }

    @Override
    public long publishedSize() {
        return real.publishedSize();
    }

    @Override
    public synchronized void publish(List<LogLeaf> leaves) {
        if (!diedMidBatch && leaves.size() >= 2) {
            diedMidBatch = true;
            dieMidBatch(leaves.subList(0, leaves.size() / 2));
        }
        real.publish(leaves);
        if (diedMidBatch && !diedAfterCommit) {
            diedAfterCommit = true;
            throw new IllegalStateException("relay killed after Kafka committed leaves from "
                    + leaves.get(0).leafIndex());
        }
    }

    private void dieMidBatch(List<LogLeaf> half) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        KafkaProducer<String, String> zombie = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        zombies.add(zombie);
        zombie.initTransactions();
        zombie.beginTransaction();
        half.forEach(l -> zombie.send(new ProducerRecord<>(settings.auditTopic(), l.organisation(), l.leaf())));
        zombie.flush();
        throw new IllegalStateException("relay killed mid-batch at leaf " + half.get(0).leafIndex());
    }

    synchronized int crashes() {
        return (diedMidBatch ? 1 : 0) + (diedAfterCommit ? 1 : 0);
    }

    @PreDestroy
    void close() {
        zombies.forEach(z -> z.close(Duration.ZERO));
        real.close();
    }
}
