package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.demo.DemoResult;
import io.cleave.cli.demo.DemoRun;
import io.cleave.cli.demo.DemoSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo in ENCLAVE mode across separate processes: compute-b alone attests its code and the job's
 * workload key with software evidence, each hospital's memory provider checks the broker-signed result
 * against its own policy file and releases its data key to that key only, and the model the hospitals
 * read back is as good as the plaintext reference.
 */
class EnclaveDemoEndToEndTest {

    @Test
    void enclaveDemo_separateProcesses_dataKeysReleasedToTheAttestedWorkload_jobCompletes(@TempDir Path work)
            throws Exception {
        StringWriter out = new StringWriter();
        DemoSettings settings = DemoSettings.of(null, null, null, 20, 0, work.resolve("demo")).withMode("enclave");
        Map<String, String> seen = new HashMap<>();
        DemoResult result;
        try (DemoRun run = new DemoRun(settings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))) {
            result = run.execute(live -> {
                live.providerUrls().forEach((label, url) -> seen.put(label, http(url + "/prometheus")));
                for (JsonNode p : live.client().get("api/providers")) {
                    seen.merge("compute-attestations", p.path("attestation").toString(), String::concat);
                }
            });
        }
        assertEquals("COMPLETED", result.state(), out.toString());
        JsonNode line = BrokerClient.json().readTree(result.json());
        assertEquals("ENCLAVE", line.path("mode").asText());
        assertEquals(3, line.path("organisations").asInt(), "two hospitals and compute-b");
        assertTrue(result.accuracy() >= 0.93, "accuracy " + result.accuracy());
        assertFalse(seen.containsKey("compute-c-compute"), "compute-c is not started for a one-party job");
        assertTrue(seen.get("compute-attestations").contains("\"evidence_type\":\"SOFTWARE\",\"valid\":true"),
                seen.get("compute-attestations"));
        for (String hospital : new String[] {"hospital-a", "hospital-b"}) {
            String metrics = seen.get(hospital + "-memory");
            assertTrue(metrics.matches("(?s).*cleave_enclave_keys_released_total [1-9]\\d*\\.0.*"), hospital + ": " + metrics);
            assertTrue(metrics.contains("cleave_enclave_keys_refused_total 0.0"), hospital + ": " + metrics);
        }
    }

    private static String http(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new AssertionError(url + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
