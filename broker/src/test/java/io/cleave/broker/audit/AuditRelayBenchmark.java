package io.cleave.broker.audit;

import io.micronaut.context.ApplicationContext;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * Kafka broker together), which depends much less on it. The same load runs unmeasured first.
 *
 * <pre>
 * ./mvnw -q -o -B -pl broker -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp broker/target/test-classes:broker/target/classes:$(cat broker/target/test.classpath) \
 *     io.cleave.broker.audit.AuditRelayBenchmark 20000 30 50 2 10
 * </pre>
 * Arguments: target events/s, seconds measured, records per transaction, writer threads, seconds
 * of warm-up (default 10).
 */
public final class AuditRelayBenchmark {
    private AuditRelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        Path dir = Files.createTempDirectory("cleave-audit-bench");
        try (TestKafka kafka = new TestKafka(dir.resolve("kafka"));
                ApplicationContext ctx = TestBroker.start(
                        TestBroker.properties(TestDatabase.h2(dir.resolve("broker")), kafka, dir.resolve("broker")))) {
            // The same load first, unmeasured: until the JIT has compiled the hot paths its
            // compiler threads take more CPU than the pipeline itself.
            load(ctx, rate, warmUpSeconds, batch, writers);
            Measured run = load(ctx, rate, seconds, batch, writers);
            Lags lags = lags(kafka, run.startPublished());
            System.out.println(String.format(Locale.ROOT, "{\"target_rate\":%d,\"records\":%d,"
                    + "\"written_per_s\":%.0f,\"delivered_per_s\":%.0f,\"lag_p50_ms\":%d,\"lag_p99_ms\":%d,"
                    + "\"lag_max_ms\":%d,\"backlog_at_stop\":%d,\"drain_s\":%.2f,\"cpu_us_per_event\":%.0f,"
                    + "\"jit_cpu_us_per_event\":%.0f,\"warm_up_s\":%d,\"kafka_duplicates\":%d}", rate, run.delivered(),
                    run.written() / run.writeSeconds(), run.delivered() / run.drainedSeconds(),
                    quantile(lags.sorted(), 0.5), quantile(lags.sorted(), 0.99), lags.sorted().get(lags.sorted().size() - 1),
                    run.backlogAtStop(), run.drainedSeconds() - run.writeSeconds(), run.cpuNanos() / 1e3 / run.delivered(),
                    run.jitNanos() / 1e3 / run.delivered(), warmUpSeconds, lags.duplicates()));
        }
        System.exit(0);
    }

    /** What one load phase measured; seconds count from the writers' start. */
    private record Measured(long startPublished, long written, long delivered, long backlogAtStop,
            double writeSeconds, double drainedSeconds, long cpuNanos, long jitNanos) {
    }

    /** Writes at {@code rate} for {@code seconds}, then waits until Kafka holds every record. */
    private static Measured load(ApplicationContext ctx, int rate, int seconds, int batch, int writers)
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
        long jit0 = jitCpuNanos();
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        long backlog = startPublished + written.get() - status.snapshot().kafkaPublished();
        TestBroker.awaitDrained(ctx, Duration.ofMinutes(5));
        double drainedSeconds = (System.nanoTime() - t0) / 1e9;
        long cpuNanos = processCpuNanos() - cpu0;
        long jitNanos = jitCpuNanos() - jit0;
        long delivered = status.snapshot().kafkaPublished() - startPublished;
        return new Measured(startPublished, written.get(), delivered, backlog, writeSeconds, drainedSeconds, cpuNanos,
                jitNanos);
    }

    /**
     * CPU time of the JIT compiler threads that are alive now (Linux {@code /proc}; 0 elsewhere).
     * On a busy two-core machine the JIT is still compiling minutes into a run, which a long-lived
     * broker pays once; the benchmark reports it apart. A compiler thread that exited in between
     * takes its time with it, so this errs towards charging the pipeline.
     */
    private static long jitCpuNanos() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.io.IOException threadEnded) {
                    // The thread exited while being read: its time is gone either way.
                }
            }
        } catch (java.io.IOException noProc) {
            return 0;
        }
        return ticks * 10_000_000L;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Delivery lags, sorted, of the leaves from {@code firstIndex} on, from their Kafka timestamps;
     * and how many records repeat a leaf index before them in the topic (0 unless delivery is broken).
     */
    private record Lags(List<Long> sorted, long duplicates) {
    }

    private static Lags lags(TestKafka kafka, long firstIndex) {
        List<Long> lags = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long duplicates = 0;
        for (var r : kafka.records("cleave.audit")) {
            // "index" is the top-level key after "details" in the canonical order; no later key holds the text.
            int i = r.value().lastIndexOf(",\"index\":") + 9;
            long index = Long.parseLong(r.value().substring(i, r.value().indexOf(',', i)));
            if (!seen.add(index)) {
                duplicates++;
            } else if (index >= firstIndex) {
                int at = r.value().indexOf("\"occurred_at\":\"") + 15;
                Instant occurred = Instant.parse(r.value().substring(at, r.value().indexOf('"', at)));
                lags.add(r.timestamp() - occurred.toEpochMilli());
            }
        }
        Collections.sort(lags);
        return new Lags(lags, duplicates);
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
