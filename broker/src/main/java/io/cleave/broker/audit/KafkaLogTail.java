package io.cleave.broker.audit;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds how many log leaves the audit topic holds by reading its committed end backwards: the
 * {@code index} of the last committed record, plus one. Reads with {@code read_committed}, so a
 * crashed relay's aborted batch does not count.
 */
final class KafkaLogTail {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final String bootstrapServers;
    private final TopicPartition partition;
    private final JsonMapper json;

    KafkaLogTail(String bootstrapServers, String topic, JsonMapper json) {
        this.bootstrapServers = bootstrapServers;
        this.partition = new TopicPartition(topic, 0);
        this.json = json;
    }

    /** @throws AuditDeliveryException if Kafka cannot be read; retriable */
    long publishedSize() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            for (long window = 64; ; window *= 8) {
                long start = Math.max(0, end - window);
                long last = lastIndex(consumer, start, end);
                if (last >= 0 || start == 0) {
                    return last + 1;
                }
            }
        } catch (KafkaException e) {
            throw new AuditDeliveryException("cannot read the end of " + partition.topic() + ": " + e.getMessage(), e);
        }
    }

    private long lastIndex(KafkaConsumer<String, String> consumer, long start, long end) {
        consumer.seek(partition, start);
        long last = -1;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new AuditDeliveryException("reading the end of " + partition.topic() + " took over "
                        + TIMEOUT.toSeconds() + " s", null);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() < end) {
                    last = Math.max(last, index(r));
                }
            }
        }
        return last;
    }

    private long index(ConsumerRecord<String, String> record) {
        try {
            Object index = json.readValue(record.value(), Map.class).get("index");
            if (!(index instanceof Number n)) {
                throw new AuditDeliveryException("record at offset " + record.offset() + " of " + partition.topic()
                        + " has no leaf index; is the topic shared with another producer?", null);
            }
            return n.longValue();
        } catch (IOException e) {
            throw new AuditDeliveryException("record at offset " + record.offset() + " of " + partition.topic()
                    + " is not JSON", e);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
