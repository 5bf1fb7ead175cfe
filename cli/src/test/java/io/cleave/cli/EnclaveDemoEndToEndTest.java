package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * An ENCLAVE job across separate processes: the compute provider attests its code and the job's
 * workload key with software evidence, hospital-a's memory provider checks the broker-signed result
 * against its own policy file and releases its data key to that key only, and the job trains on the
 * sealed pages exactly as the local reference does.
 */
class EnclaveDemoEndToEndTest {

    @Test
    void enclaveDemo_separateProcesses_dataKeyReleasedToTheAttestedWorkload_jobCompletes(@TempDir Path work)
            throws Exception {
        StringWriter out = new StringWriter();
        DemoSettings settings = DemoSettings.of(null, null, null, 5, 0, work.resolve("demo")).withMode("ENCLAVE");
        Map<String, String> seen = new HashMap<>();
        DemoResult result;
        try (DemoRun run = new DemoRun(settings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))) {
            result = run.execute(live -> {
                for (JsonNode p : live.client().get("api/providers")) {
                    seen.put("provider-" + p.path("kind").asText(), p.path("attestation").toString());
                }
                seen.put("broker-metrics", http(live.client().base() + "prometheus"));
                live.providerUrls().forEach((label, url) -> seen.put(label, http(url + "/prometheus")));
                seen.put("job", live.client().get("api/jobs/" + live.jobId()).toString());
            });
        }
        assertEquals("COMPLETED", result.state(), out.toString());
        assertEquals("ENCLAVE", result.mode());
        assertEquals(result.plaintextAccuracy(), result.accuracy(), 1e-9, "the attested workload trains the same model");
        assertTrue(seen.get("provider-COMPUTE").contains("\"evidence_type\":\"SOFTWARE\",\"valid\":true,\"current\":true,"
                + "\"isolation\":\"no hardware isolation\""), seen.get("provider-COMPUTE"));
        assertEquals("", seen.get("provider-MEMORY"), "memory providers present no evidence");
        assertTrue(seen.get("hospital-a-memory").contains("cleave_enclave_keys_released_total 1.0"),
                seen.get("hospital-a-memory"));
        assertTrue(seen.get("hospital-a-memory").contains("cleave_enclave_keys_refused_total 0.0"));
        assertTrue(seen.get("broker-metrics").matches(
                "(?s).*cleave_attestation_verdicts_total\\{type=\"SOFTWARE\",verdict=\"valid\"} [2-9]\\.0.*"),
                "registration and the job's workload key were both attested");
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
