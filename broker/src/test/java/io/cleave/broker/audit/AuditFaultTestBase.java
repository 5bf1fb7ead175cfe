package io.cleave.broker.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while audit records flow; every test ends with nothing lost or duplicated: count and ids
 * equal in the database, in Kafka and in the tree, order per subject kept. Real in-process Kafka,
 * real database (subclasses choose H2 or PostgreSQL).
 */
abstract class AuditFaultTestBase {
    static final Duration DRAIN = Duration.ofSeconds(90);
    @TempDir
    Path dir;
    TestKafka kafka;
    TestDatabase db;

    abstract TestDatabase database(Path dir);

    @BeforeEach
    void startKafka() {
        kafka = new TestKafka(dir.resolve("kafka"));
        db = database(dir);
    }

    @AfterEach
    void stopKafka() {
        kafka.close();
        db.close();
    }

    Map<String, Object> properties() {
        return TestBroker.properties(db, kafka, dir.resolve("broker"));
    }

    @Test
    void brokerRestart_midStream_nothingLostOrDuplicated() throws Exception {
        AtomicLong next = new AtomicLong();
        ApplicationContext first = TestBroker.start(properties());
        Writer interrupted = new Writer(first, next);
        Thread.sleep(1500);
        first.close();
        interrupted.close();
        try (ApplicationContext second = TestBroker.start(properties())) {
            next.set(TestBroker.committedTestEvents(second));
            try (Writer writer = new Writer(second, next)) {
                Thread.sleep(1000);
            }
            TestBroker.awaitDrained(second, DRAIN);
            TestBroker.assertNothingLostOrDuplicated(second, kafka);
            TestBroker.assertOrderPerSubject(second, kafka);
        }
    }

    @Test
    void relayKilledMidBatchAndAfterKafkaCommit_nothingLostOrDuplicated() throws Exception {
        Map<String, Object> p = new HashMap<>(properties());
        p.put("test.crash-publisher", "true");
        try (ApplicationContext ctx = TestBroker.start(p)) {
            AtomicLong next = new AtomicLong();
            CrashingPublisher crashing = ctx.getBean(CrashingPublisher.class);
            try (Writer writer = new Writer(ctx, next)) {
                long deadline = System.nanoTime() + DRAIN.toNanos();
                while (crashing.crashes() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(500);
            }
            TestBroker.awaitDrained(ctx, DRAIN);
            assertEquals(2, crashing.crashes());
            TestBroker.assertNothingLostOrDuplicated(ctx, kafka);
            TestBroker.assertOrderPerSubject(ctx, kafka);
        }
    }

    /** Writes transactions of 5 records about three jobs from one thread until closed. */
    static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Writer(ApplicationContext ctx, AtomicLong next) {
            AuditLoad load = ctx.getBean(AuditLoad.class);
            thread = new Thread(() -> {
                while (running.get()) {
                    long first = next.get();
                    try {
                        load.write("job-" + (first / 5) % 3, first, 5);
                        next.addAndGet(5);
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // The context is closing under it, as in a broker crash.
                        System.err.println("writer stopped at " + first + ": " + e);
                        return;
                    }
                }
            }, "audit-writer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
            assertTrue(!thread.isAlive(), "writer stopped");
        }
    }
}
