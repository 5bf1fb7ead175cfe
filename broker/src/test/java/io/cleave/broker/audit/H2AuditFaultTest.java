package io.cleave.broker.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fault tests on the embedded H2 database, plus a Kafka outage while events flow. */
class H2AuditFaultTest extends AuditFaultTestBase {
    /** How long Kafka stays down; -Dcleave.test.kafka-outage=60s for the full minute. */
    private static final Duration OUTAGE = Duration.parse("PT" + System.getProperty("cleave.test.kafka-outage", "20s").toUpperCase(java.util.Locale.ROOT));

    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.h2(dir.resolve("broker"));
    }

    @Test
    void kafkaStopped_whileEventsFlow_nothingLostOrDuplicated() throws Exception {
        try (ApplicationContext ctx = TestBroker.start(properties())) {
            AtomicLong next = new AtomicLong();
            try (Writer writer = new Writer(ctx, next)) {
                Thread.sleep(1000);
                kafka.stop();
                Thread.sleep(OUTAGE.toMillis());
                RelayStatus status = ctx.getBean(RelayStatus.class);
                // A delivery fails only once the producer's own timeout ends: wait for that, bounded.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (status.snapshot().kafkaAvailable() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                RelayStatus.Snapshot during = status.snapshot();
                assertFalse(during.kafkaAvailable(), () -> "relay reports Kafka unavailable: " + during
                        + "\n" + TestBroker.loopThreads());
                assertTrue(during.logSize() > during.kafkaPublished(), "log grows while Kafka is away: " + during);
                assertTrue(during.lagMs() >= OUTAGE.toMillis() / 2, "lag reported: " + during);
                kafka.start();
                Thread.sleep(1000);
            }
            TestBroker.awaitDrained(ctx, DRAIN);
            TestBroker.assertNothingLostOrDuplicated(ctx, kafka);
            TestBroker.assertOrderPerSubject(ctx, kafka);
        }
    }
}
