package io.cleave.cli.audit;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows an audit topic with a plain Kafka consumer ({@code read_committed}, no consumer group,
 * nothing committed), printing each record's value, the canonical record text, on its own line.
 */
public final class AuditTail {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private AuditTail() {
    }

    /**
     * Prints records of {@code topic} until {@code max} were printed (0: no limit) or
     * {@code stop} says so; returns how many were printed.
     *
     * @param fromBeginning start at the topic's first record instead of its end
     */
    public static long follow(String bootstrapServers, String topic, boolean fromBeginning, long max,
            PrintWriter out, BooleanSupplier stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cleave-audit-tail");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, TIMEOUT);
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " has no topic " + topic);
            }
            List<TopicPartition> assigned = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            long printed = 0;
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(r.value());
                    if (++printed == max) {
                        out.flush();
                        return printed;
                    }
                }
                out.flush();
            }
            return printed;
        }
    }
}
