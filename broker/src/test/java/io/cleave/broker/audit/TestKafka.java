package io.cleave.broker.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real in-process Kafka that a test can stop and start again on the same port and log. */
final class TestKafka implements AutoCloseable {
    private final Path dir;
    private final int port;
    private EmbeddedKafka kafka;

    TestKafka(Path dir) {
        this.dir = dir;
        this.port = freePort();
        start();
    }

    void start() {
        kafka = EmbeddedKafka.start(dir, port);
    }

    void stop() {
        kafka.close();
        kafka = null;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Every committed value of partition 0 of {@code topic}, in order; empty if the topic does not exist. */
    List<String> readAll(String topic) {
        return records(topic).stream().map(ConsumerRecord::value).toList();
    }

    /** Every committed record of partition 0 of {@code topic}, in order; empty if the topic does not exist. */
    List<ConsumerRecord<String, String>> records(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            if (c.partitionsFor(topic, Duration.ofSeconds(10)).isEmpty()) {
                return values;
            }
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    values.add(r);
                }
            }
        }
        return values;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (kafka != null) {
            stop();
        }
    }
}
