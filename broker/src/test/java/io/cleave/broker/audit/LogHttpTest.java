package io.cleave.broker.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.ApiTokens;
import io.cleave.broker.auth.Role;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointVerifier;
import io.cleave.transparency.CheckpointWatcher;
import io.cleave.transparency.NoteVerifierKey;
import io.cleave.transparency.ProofVerifier;
import io.cleave.transparency.Rfc6962;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The log's REST API on a real broker (H2, in-process Kafka): what a provider or the CLI verifies. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogHttpTest implements TestPropertyProvider {
    private final Path dir = tempDir();
    private final TestKafka kafka = new TestKafka(dir.resolve("kafka"));
    private final AtomicLong next = new AtomicLong();
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ApplicationContext ctx;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        TestBroker.properties(TestDatabase.h2(dir.resolve("broker")), kafka, dir.resolve("broker"))
                .forEach((k, v) -> p.put(k, String.valueOf(v)));
        return p;
    }

    @AfterAll
    void stopKafka() throws IOException {
        kafka.close();
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void checkpointAndProofs_overHttp_verifyAndTheWatcherSeesNoFork() throws Exception {
        NoteVerifierKey key = NoteVerifierKey.parse(get("/api/log/key"));
        CheckpointWatcher watcher = new CheckpointWatcher(key,
                (from, to) -> hashes(json("/api/log/proof/consistency?from=" + from + "&to=" + to)));
        long size = writeAndDrain(20);
        Checkpoint first = watcher.observe(get("/api/log/checkpoint"));
        assertEquals(size, first.size());
        List<String> leaves = leaves(size);
        for (int i = 0; i < size; i++) {
            ProofVerifier.verifyInclusion(Rfc6962.leafHash(leaves.get(i).getBytes(StandardCharsets.UTF_8)), i, size,
                    hashes(json("/api/log/proof/inclusion?index=" + i + "&size=" + size)), first.rootHash());
        }
        long grown = writeAndDrain(7);
        Checkpoint second = watcher.observe(get("/api/log/checkpoint"));
        assertEquals(grown, second.size());
        assertEquals(0, watcher.alarms());
        assertEquals(second, CheckpointVerifier.verify(get("/api/log/checkpoint"), key));
    }

    @Test
    void leaves_areCanonicalSchemaV1Records() {
        long size = writeAndDrain(3);
        JsonMapper json = ctx.getBean(JsonMapper.class);
        for (String leaf : leaves(size)) {
            Map<String, Object> record = TestBroker.parse(json, leaf);
            assertEquals(leaf, CanonicalJson.write(record), "leaf is canonical JSON");
            assertEquals(1, record.get("schema_version"));
        }
    }

    @Test
    void proofsAndLeaves_outOfRange_refusedWithTheRule() {
        long size = writeAndDrain(2);
        assertEquals("leaf index " + size + " is out of range [0, " + (size - 1) + "]",
                refusal("/api/log/proof/inclusion?index=" + size + "&size=" + size));
        assertEquals("tree size " + (size + 1) + " is out of range [1, " + size + "]",
                refusal("/api/log/proof/inclusion?index=0&size=" + (size + 1)));
        assertEquals("old tree size 0 is out of range [1, " + size + "]",
                refusal("/api/log/proof/consistency?from=0&to=" + size));
        assertEquals("start must be at least 0 and limit in [1, 1000], found start 0 and limit 1001",
                refusal("/api/log/leaves?start=0&limit=1001"));
    }

    @Test
    void leafOfRecord_givesItsIndexAndText_unknownRecord404() {
        long size = writeAndDrain(2);
        for (int index = 0; index < size; index++) {
            String text = leaves(size).get(index);
            String id = (String) TestBroker.parse(ctx.getBean(JsonMapper.class), text).get("id");
            Map<String, Object> leaf = json("/api/log/leaf?record=" + id);
            assertEquals(index, ((Number) leaf.get("index")).longValue());
            assertEquals(text, leaf.get("leaf"));
        }
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> get("/api/log/leaf?record=no-such-record"));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertEquals("audit record 'no-such-record' is not in the log yet (the relay logs records within seconds)",
                e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("error"));
    }

    @Test
    void leaves_readUnderTheAuditScope_membersOnlyTheirOwnRecords() {
        long size = writeAndDrain(3);
        String member = ApiTokens.of(ctx, "member-of-org-a", Role.ORG_MEMBER, "org-a");
        HttpClientResponseException whole = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .retrieve(HttpRequest.GET("/api/log/leaves?start=0&limit=1").bearerAuth(member)));
        assertEquals(HttpStatus.FORBIDDEN, whole.getStatus());
        int own = 0;
        int refused = 0;
        for (String text : leaves(size)) {
            Map<String, Object> record = TestBroker.parse(ctx.getBean(JsonMapper.class), text);
            var request = HttpRequest.GET("/api/log/leaf?record=" + record.get("id")).bearerAuth(member);
            if ("org-a".equals(record.get("organisation"))) {
                assertEquals(text, http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class))
                        .get("leaf"));
                own++;
            } else {
                HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                        () -> http.toBlocking().retrieve(request));
                assertEquals(HttpStatus.FORBIDDEN, e.getStatus());
                refused++;
            }
        }
        assertTrue(own > 0 && refused > 0, "records of org-a and of others: " + own + ", " + refused);
    }

    @Test
    void system_reportsRelayBacklogAndLag() {
        long size = writeAndDrain(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> relay = (Map<String, Object>) json("/api/system").get("audit_relay");
        assertEquals(size, ((Number) relay.get("log_size")).longValue());
        assertEquals(size, ((Number) relay.get("kafka_published")).longValue());
        assertEquals(0, ((Number) relay.get("outbox_pending")).longValue());
        assertEquals(true, relay.get("kafka_available"));
        assertEquals("cleave.broker/test", json("/api/system").get("log_origin"));
    }

    private long writeAndDrain(int count) {
        long first = next.getAndAdd(count);
        ctx.getBean(AuditLoad.class).write("job-http", first, count);
        try {
            TestBroker.awaitDrained(ctx, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return ctx.getBean(AuditLog.class).size();
    }

    private String refusal(String uri) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> get(uri));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        return (String) e.getResponse().getBody(Argument.mapOf(String.class, Object.class)).orElseThrow().get("error");
    }

    @SuppressWarnings("unchecked")
    private List<String> leaves(long count) {
        List<String> texts = (List<String>) json("/api/log/leaves?start=0&limit=" + count).get("leaves");
        assertEquals(count, texts.size());
        return texts;
    }

    private String get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(ApiTokens.brokerAdmin(ctx)));
    }

    private Map<String, Object> json(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(ApiTokens.brokerAdmin(ctx)),
                Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> hashes(Map<String, Object> proof) {
        return ((List<String>) proof.get("hashes")).stream().map(h -> Base64.getDecoder().decode(h)).toList();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("cleave-log-http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
