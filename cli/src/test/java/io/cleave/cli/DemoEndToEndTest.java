package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.demo.DemoResult;
import io.cleave.cli.demo.DemoRun;
import io.cleave.cli.demo.DemoSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo flow with the broker and both providers as separate JVMs on real sockets: the job
 * completes, and every audit record in the broker's database was consumed back from Kafka.
 */
class DemoEndToEndTest {

    /** A feature no log may ever show: distinctive values planted in every row of the breast-cancer data. */
    private static final String CANARY_PREFIX = "7777.31";

    @Test
    void demo_separateProcesses_jobCompletes_andKafkaHoldsEveryAuditRecord(@TempDir Path work) throws Exception {
        StringWriter out = new StringWriter();
        Path data = canaryDataset(work);
        DemoSettings settings = DemoSettings.of(data, "target", null, 20, 0, work.resolve("demo"));
        List<String> databaseIds = new ArrayList<>();
        List<String> kafkaIds = new ArrayList<>();
        List<String> jobActions = new ArrayList<>();
        Map<String, String> scrapes = new java.util.HashMap<>();
        List<String> dashboardSignIn = new ArrayList<>();
        DemoResult result;
        try (DemoRun run = new DemoRun(settings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))) {
            result = run.execute(live -> {
                String[] dashboard = dashboardLine(out.toString()).split(" ");
                dashboardSignIn.add(dashboard[3]);
                JsonNode session = new BrokerClient(live.client().base().toString()).login(dashboard[2],
                        dashboard[3].toCharArray());
                dashboardSignIn.add(session.path("roles").path(0).asText());
                dashboardSignIn.add(http(dashboard[1]).contains("<title>Cleave broker</title>") ? "dashboard answers"
                        : "no dashboard at " + dashboard[1]);
                awaitOutboxDrained(live.client());
                for (JsonNode r : allRecords(live.client())) {
                    databaseIds.add(r.path("id").asText());
                    if (live.jobId().equals(r.path("subject_id").asText())) {
                        jobActions.add(r.path("action").asText());
                    }
                }
                scrapes.put("broker-health", http(live.client().base() + "health/readiness"));
                scrapes.put("broker-metrics", http(live.client().base() + "prometheus"));
                scrapes.put("job", live.client().get("api/jobs/" + live.jobId()).toString());
                live.providerUrls().forEach((label, url) -> {
                    scrapes.put(label + "-health", http(url + "/health"));
                    scrapes.put(label + "-metrics", http(url + "/prometheus"));
                });
                kafkaIds.addAll(consumeIds(live.client().get("api/system").path("kafka_bootstrap_servers").asText(),
                        databaseIds.size()));
            });
        }
        assertEquals("COMPLETED", result.state(), out.toString());
        assertTrue(result.accuracy() >= 0.93, "accuracy " + result.accuracy());
        assertEquals("SECRET_SHARED", result.mode());
        assertEquals(result.plaintextAccuracy(), result.accuracy(), 0.005, "within 0.5 points of plaintext");
        assertEquals(List.of("job.submitted", "job.awaiting_consent", "job.consent_approve", "job.consent_approve",
                "job.consent_approve", "job.consent_approve", "job.scheduled", "job.running"), jobActions.subList(0, 8));
        assertEquals(2, jobActions.stream().filter("job.share_delivered"::equals).count(), jobActions.toString());
        assertEquals(2, jobActions.stream().filter("job.model_delivered"::equals).count(), jobActions.toString());
        assertEquals("job.completed", jobActions.get(jobActions.size() - 1));
        assertEquals(databaseIds.size(), kafkaIds.size(), "same count in the database and in Kafka");
        assertEquals("BROKER_ADMIN", dashboardSignIn.get(1), "the DASHBOARD line signs in as broker administrator");
        assertEquals("dashboard answers", dashboardSignIn.get(2));
        assertNoLogLeaks(work.resolve("demo").resolve("logs"), dashboardSignIn.get(0));
        assertTrue(scrapes.get("broker-health").contains("\"kafka\":{") && scrapes.get("broker-health")
                .contains("\"jdbc\":{") && scrapes.get("broker-health").startsWith("{\"name\":\"cleave-broker\",\"status\":\"UP\""),
                scrapes.get("broker-health"));
        assertTrue(scrapes.get("broker-metrics").contains("cleave_jobs{state=\"COMPLETED\"} 1.0"),
                "the finished job shows in the broker's metrics");
        for (String hospital : List.of("hospital-a", "hospital-b")) {
            String metrics = scrapes.get(hospital + "-memory-metrics");
            assertTrue(metrics.matches("(?s).*cleave_shares_rows_total [1-9]\\d*\\.0.*"),
                    hospital + " counts the rows it shared: " + metrics);
        }
        assertTrue(scrapes.get("compute-c-compute-metrics").contains("cleave_tasks_total{outcome=\"completed\"} 1.0"),
                scrapes.get("compute-c-compute-metrics"));
        assertTrue(scrapes.get("broker-metrics").matches("(?s).*cleave_relay_bytes_total\\{kind=\"SEALED\".*"),
                "the broker relayed sealed frames");
        assertTrue(scrapes.get("compute-b-compute-metrics").contains("cleave_tasks_total{outcome=\"completed\"} 1.0"),
                scrapes.get("compute-b-compute-metrics"));
        JsonNode jobView = new ObjectMapper().readTree(scrapes.get("job"));
        JsonNode jobMetrics = jobView.path("metrics");
        JsonNode lastEpoch = jobView.path("progress").path(jobView.path("progress").size() - 1);
        assertTrue(lastEpoch.path("excache_hit_rate").isNumber(), "each epoch carries party 0's ExCache: " + lastEpoch);
        assertTrue(jobMetrics.path("excache_misses").asLong() > 0 && jobMetrics.path("excache_hit_rate").asDouble() > 0
                && jobMetrics.path("excache_hit_rate").asDouble() <= 1, "the job shows its ExCache: " + jobMetrics);
        for (String party : List.of("compute-b-compute-metrics", "compute-c-compute-metrics")) {
            String metrics = scrapes.get(party);
            assertTrue(metrics.matches("(?s).*cleave_excache_misses_total [1-9]\\d*\\.0.*")
                    && metrics.matches("(?s).*cleave_excache_hits_total [1-9]\\d*\\.0.*")
                    && metrics.matches("(?s).*cleave_excache_fetched_bytes_total [1-9][0-9.E]*\\s.*"),
                    party + " fetched E into its ExCache and hit it in later epochs: " + metrics);
        }
        assertTrue(scrapes.get("compute-b-compute-health").contains("\"status\":\"UP\""));
        for (String provider : List.of("hospital-a-memory-metrics", "compute-b-compute-metrics")) {
            String metrics = scrapes.get(provider);
            assertTrue(metrics.contains("cleave_audit_log_alarms 0.0"), provider + ": " + metrics);
            assertTrue(metrics.matches("(?s).*cleave_audit_log_verified_size [1-9][0-9]*\\.0.*"),
                    provider + " should have verified a non-empty audit checkpoint");
        }
        assertTrue(scrapes.get("hospital-a-memory-health").contains("\"status\":\"UP\""));
        assertEquals(Set.copyOf(databaseIds), Set.copyOf(kafkaIds), "same ids in the database and in Kafka");
    }

    private static Path canaryDataset(Path work) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(io.cleave.cli.process.Installation.locate().root()
                .resolve("data/breast_cancer_wdbc.csv"));
        List<String> out = new ArrayList<>();
        out.add(lines.get(0).replace(",target", ",canary,target"));
        for (int i = 1; i < lines.size(); i++) {
            String row = lines.get(i);
            int label = row.lastIndexOf(',');
            out.add(row.substring(0, label) + "," + CANARY_PREFIX + String.format("%04d", i) + row.substring(label));
        }
        Path file = work.resolve("canary.csv");
        java.nio.file.Files.write(file, out);
        return file;
    }

    /** The one {@code DASHBOARD <url> <user> <password>} line of the demo's output (issue 7). */
    private static String dashboardLine(String output) {
        List<String> lines = output.lines().filter(l -> l.startsWith("DASHBOARD ")).toList();
        assertEquals(1, lines.size(), output);
        assertEquals(4, lines.get(0).split(" ").length, lines.get(0));
        return lines.get(0);
    }

    /** No process log holds a planted data value, the administrator's password, or anything like key material. */
    private static void assertNoLogLeaks(Path logs, String adminPassword) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(logs)) {
            List<Path> all = files.toList();
            assertEquals(5, all.size(), "one log per process: " + all);
            for (Path log : all) {
                String text = java.nio.file.Files.readString(log);
                assertFalse(text.contains(CANARY_PREFIX), log + " shows a data value");
                assertFalse(text.contains("PRIVATE KEY"), log + " shows key material");
                assertFalse(text.contains(adminPassword), log + " shows the administrator's password");
                assertTrue(text.length() > 200, log + " is suspiciously empty");
            }
        }
    }

    private static String http(String url) {
        try {
            return java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()
                    .send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new AssertionError(url + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitOutboxDrained(BrokerClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (client.get("api/system").path("audit_pending").asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("audit records still waiting for Kafka after 60 s");
            }
            sleep(100);
        }
    }

    private static List<JsonNode> allRecords(BrokerClient client) {
        List<JsonNode> records = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = client.get("api/audit?limit=1000&after=" + after);
            page.path("records").forEach(records::add);
            if (page.path("records").size() < 1000) {
                return records;
            }
            after = page.path("next_after").asLong();
        }
    }

    private static List<String> consumeIds(String bootstrap, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> ids = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("cleave.audit"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(BrokerClient.json().readTree(record.value()).path("id").asText());
                }
                if (ids.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("a Kafka record is not JSON", e);
        }
        return ids;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
