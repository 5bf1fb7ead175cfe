package io.cleave.broker.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointVerifier;
import io.cleave.transparency.MerkleTree;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/** A broker application context on a test database and Kafka, and the checks every fault test ends with. */
final class TestBroker {
    private TestBroker() {
    }

    static Map<String, Object> properties(TestDatabase db, TestKafka kafka, Path dataDir) {
        Map<String, Object> p = new HashMap<>(db.properties());
        p.put("cleave.broker.data-dir", dataDir.toString());
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.put("cleave.log.origin", "cleave.broker/test");
        p.put("micronaut.server.port", -1);
        p.put("grpc.server.port", 0);
        return p;
    }

    static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().properties(properties).environments("test").start();
    }

    /** Waits until every committed record is in the log and in Kafka. */
    static void awaitDrained(ApplicationContext ctx, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RelayStatus.Snapshot s;
        long records;
        do {
            Thread.sleep(100);
            s = ctx.getBean(RelayStatus.class).snapshot();
            records = ctx.getBean(AuditRepository.class).count();
            if (s.outboxPending() == 0 && s.logSize() == records && s.kafkaPublished() == records) {
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("audit pipeline not drained after " + timeout + ": " + records + " records, " + s);
    }

    /**
     * Count and ids equal in the database, in Kafka (main and organisation topics) and in the tree,
     * and the tree over what Kafka holds has the root of the broker's signed checkpoint.
     */
    static void assertNothingLostOrDuplicated(ApplicationContext ctx, TestKafka kafka) throws GeneralSecurityException {
        JsonMapper json = ctx.getBean(JsonMapper.class);
        List<AuditEntry> db = StreamSupport.stream(ctx.getBean(AuditRepository.class).findAll().spliterator(), false)
                .toList();
        List<String> published = kafka.readAll("cleave.audit");
        System.err.println("database " + db.size() + " records, Kafka " + published.size());
        List<Map<String, Object>> records = published.stream().map(v -> parse(json, v)).toList();
        assertEquals(LongStream.range(0, db.size()).boxed().toList(),
                records.stream().map(r -> ((Number) r.get("index")).longValue()).toList(), "leaf indices in Kafka");
        assertEquals(db.stream().map(AuditEntry::id).sorted().toList(),
                records.stream().map(r -> (String) r.get("id")).sorted().toList(), "record ids in Kafka");
        for (String org : List.of("org-a", "org-b")) {
            List<String> expected = published.stream().filter(v -> org.equals(parse(json, v).get("organisation"))).toList();
            assertEquals(expected, kafka.readAll("cleave.audit." + org), "topic of " + org);
        }
        AuditLog log = ctx.getBean(AuditLog.class);
        assertEquals(db.size(), log.size(), "tree size");
        MerkleTree fromKafka = MerkleTree.inMemory();
        published.forEach(v -> fromKafka.appendLeaf(v.getBytes(StandardCharsets.UTF_8)));
        Checkpoint checkpoint = CheckpointVerifier.verify(log.signedCheckpoint(), log.verifierKey());
        assertEquals(new Checkpoint("cleave.broker/test", db.size(), fromKafka.root()), checkpoint);
    }

    /**
     * Records of one subject reach Kafka in the order they were written (details.n increases);
     * only {@link AuditLoad}'s records are numbered (the broker's own, e.g. its administrator's creation, are not).
     */
    /**
     * Test records that committed: a writer whose broker closed under it cannot tell whether its
     * last transaction committed, so after a restart it continues from what the database holds.
     */
    static long committedTestEvents(ApplicationContext ctx) {
        return StreamSupport.stream(ctx.getBean(AuditRepository.class).findAll().spliterator(), false)
                .filter(e -> "test.event".equals(e.action())).count();
    }

    static void assertOrderPerSubject(ApplicationContext ctx, TestKafka kafka) {
        JsonMapper json = ctx.getBean(JsonMapper.class);
        Map<Object, Long> lastBySubject = new HashMap<>();
        for (String v : kafka.readAll("cleave.audit")) {
            Map<String, Object> r = parse(json, v);
            if (!"test.event".equals(r.get("action"))) {
                continue;
            }
            long n = ((Number) Objects.requireNonNull(((Map<?, ?>) r.get("details")).get("n"))).longValue();
            Long before = lastBySubject.put(r.get("subject_id"), n);
            if (before != null && before >= n) {
                throw new AssertionError("record " + n + " of " + r.get("subject_id") + " came after " + before);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(JsonMapper json, String value) {
        try {
            return json.readValue(value, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stacks of the broker's background loops, to say where a relay that did not react is stuck. */
    static String loopThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("broker-loop")) {
                out.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    out.append("    at ").append(frame).append('\n');
                }
            }
        });
        return out.toString();
    }
}
