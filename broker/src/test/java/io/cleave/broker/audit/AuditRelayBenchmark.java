package io.cleave.broker.audit;

import io.micronaut.context.ApplicationContext;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, not a test: sustained audit events per second through outbox, Merkle log and Kafka,
 * and the delivery lag of each record (its {@code occurred_at} to the Kafka timestamp the relay's
 * producer gave it, within milliseconds of the commit). A real broker context on H2 in a
 * temporary folder and a real in-process Kafka; writer threads commit transactions of
 * {@code batch} records at a fixed total rate (open loop, so a relay that cannot keep up shows as
 * growing lag). Prints one JSON line. On a shared machine the rates depend on the CPU the run gets,
 * so it also prints the process CPU time per delivered event (writers, relay, H2 and the in-process
 * Kafka broker together), which does not.
 *
 * <pre>
 * ./mvnw -q -o -pl broker -am test-compile
 * ./mvnw -q -o -pl broker exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.cleave.broker.audit.AuditRelayBenchmark -Dexec.args="20000 30 50 2"
 * </pre>
 * Arguments: target events/s, seconds, records per transaction, writer threads.
 */
public final class AuditRelayBenchmark {
    private AuditRelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path dir = Files.createTempDirectory("cleave-audit-bench");
        try (TestKafka kafka = new TestKafka(dir.resolve("kafka"));
                ApplicationContext ctx = TestBroker.start(
                        TestBroker.properties(TestDatabase.h2(dir.resolve("broker")), kafka, dir.resolve("broker")))) {
            warmUp(ctx);
            System.out.println(run(ctx, kafka, rate, seconds, batch, writers));
        }
        System.exit(0);
    }

    private static void warmUp(ApplicationContext ctx) throws InterruptedException {
        AuditLoad load = ctx.getBean(AuditLoad.class);
        for (int i = 0; i < 200; i++) {
            load.write("warm-up", (long) i * 50, 50);
        }
        TestBroker.awaitDrained(ctx, Duration.ofMinutes(2));
    }

    private static String run(ApplicationContext ctx, TestKafka kafka, int rate, int seconds, int batch, int writers)
            throws InterruptedException {
        RelayStatus status = ctx.getBean(RelayStatus.class);
        long startPublished = status.snapshot().kafkaPublished();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            threads.add(writer(ctx.getBean(AuditLoad.class), w, rate / writers, batch, running, written));
        }
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        RelayStatus.Snapshot atStop = status.snapshot();
        long backlog = startPublished + written.get() - atStop.kafkaPublished();
        TestBroker.awaitDrained(ctx, Duration.ofMinutes(5));
        double drainSeconds = (System.nanoTime() - t0) / 1e9;
        long cpuNanos = processCpuNanos() - cpu0;
        long delivered = status.snapshot().kafkaPublished() - startPublished;
        List<Long> lags = lags(kafka, startPublished);
        return String.format(Locale.ROOT, "{\"target_rate\":%d,\"records\":%d,\"written_per_s\":%.0f,"
                + "\"delivered_per_s\":%.0f,\"lag_p50_ms\":%d,\"lag_p99_ms\":%d,\"lag_max_ms\":%d,"
                + "\"backlog_at_stop\":%d,\"drain_s\":%.2f,\"cpu_us_per_event\":%.0f}", rate, delivered, written.get() / writeSeconds,
                delivered / drainSeconds, quantile(lags, 0.5), quantile(lags, 0.99), lags.get(lags.size() - 1),
                backlog, drainSeconds - writeSeconds, cpuNanos / 1e3 / delivered);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Sorted delivery lags of the records after the warm-up, from their Kafka timestamps. */
    private static List<Long> lags(TestKafka kafka, long warmUp) {
        List<Long> lags = new ArrayList<>();
        var records = kafka.records("cleave.audit");
        for (var r : records.subList((int) warmUp, records.size())) {
            int at = r.value().indexOf("\"occurred_at\":\"") + 15;
            Instant occurred = Instant.parse(r.value().substring(at, r.value().indexOf('"', at)));
            lags.add(r.timestamp() - occurred.toEpochMilli());
        }
        Collections.sort(lags);
        return lags;
    }

    private static long quantile(List<Long> sorted, double q) {
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static Thread writer(AuditLoad load, int id, int rate, int batch, AtomicBoolean running, AtomicLong written) {
        return new Thread(() -> {
            long intervalNanos = (long) (1e9 * batch / rate);
            long next = System.nanoTime();
            long n = (long) id << 40;
            while (running.get()) {
                load.write("bench-" + id + "-" + (n % 64), n, batch);
                n += batch;
                written.addAndGet(batch);
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }, "bench-writer-" + id);
    }
}
