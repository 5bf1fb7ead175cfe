package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The REST API over a real socket: refusals are 4xx with a message, never a stack trace, and write nothing. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext ctx;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        try {
            return TestDatabases.h2(Files.createTempDirectory("cleave-http-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, ApiTokens.brokerAdmin(ctx));
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoInternals(String body) {
        assertFalse(body.contains("at io.") || body.contains("Exception") || body.contains("SELECT"), body);
    }

    @Test
    void postJob_malformedJson_400WithMessage() throws Exception {
        var r = send("POST", "/api/jobs", "{\"owner\": \"a\", \"datasets\": [\"x", ApiTokens.orgAdmin(ctx, "a"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Unexpected end-of-input"), r.body());
        assertNoInternals(r.body());
    }

    @Test
    void postJob_unknownDataset_404NamesIt_andNoJobListed() throws Exception {
        send("POST", "/api/organisations", "{\"name\":\"owner-1\"}");
        var r = send("POST", "/api/jobs", "{\"owner\":\"owner-1\",\"datasets\":[\"owner-1/missing\"]}",
                ApiTokens.orgAdmin(ctx, "owner-1"));
        assertEquals(404, r.statusCode());
        assertEquals("{\"error\":\"unknown dataset 'owner-1/missing'\"}", r.body());
        assertEquals("[]", send("GET", "/api/jobs", null).body());
    }

    @Test
    void postOrganisation_badName_400SaysTheRule() throws Exception {
        var r = send("POST", "/api/organisations", "{\"name\":\"Bad Name!\"}");
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"organisation name must be 1-63 characters of a-z, 0-9, '.', '_', '-' starting with a "
                + "letter or digit, found 'Bad Name!'\"}", r.body());
    }

    @Test
    void postOrganisation_missingName_400() throws Exception {
        var r = send("POST", "/api/organisations", "{}");
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"an organisation needs a name\"}", r.body());
    }

    @Test
    void getJob_unknown_404() throws Exception {
        var r = send("GET", "/api/jobs/nope", null);
        assertEquals(404, r.statusCode());
        assertEquals("{\"error\":\"unknown job 'nope'\"}", r.body());
    }

    @Test
    void getAudit_limitOutOfRange_400() throws Exception {
        var r = send("GET", "/api/audit?limit=0", null);
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"limit must be in [1, 1000], found 0\"}", r.body());
    }

    @Test
    void root_redirectsToDashboard_whichIsServed() throws Exception {
        assertEquals(303, send("GET", "/", null).statusCode());
        var page = send("GET", "/dashboard/index.html", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Cleave broker</title>"));
    }

    @Test
    void openApi_describesTheRestApi_andSwaggerUiServesIt() throws Exception {
        var doc = send("GET", "/openapi.yml", null);
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().startsWith("openapi: 3."), doc.body());
        for (String path : new String[] {"/api/organisations:", "/api/jobs:", "/api/jobs/{id}:", "/api/audit:",
            "/api/datasets:", "/api/providers:"}) {
            assertTrue(doc.body().contains("  " + path), "the document lacks " + path);
        }
        assertFalse(doc.body().contains("/openapi.yml:"), "the document should not describe itself");
        var ui = send("GET", "/swagger-ui/index.html", null);
        assertEquals(200, ui.statusCode());
        assertTrue(send("GET", "/swagger-ui/init.js", null).body().contains("url: \"/openapi.yml\""));
        assertEquals(200, send("GET", "/swagger-ui/webjar/swagger-ui-bundle.js", null).statusCode());
    }

    @Test
    void health_and_prometheus_answerWithoutSignIn() throws Exception {
        var health = send("GET", "/health/readiness", null);
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"kafka\":{") && health.body().contains("\"jdbc\":{"), health.body());
        var metrics = send("GET", "/prometheus", null);
        assertTrue(metrics.body().contains("cleave_jobs{state=\"SUBMITTED\"}"), metrics.body());
        assertTrue(metrics.body().contains("cleave_audit_outbox_pending"), metrics.body());
        assertTrue(metrics.body().contains("cleave_audit_relay_lag_seconds"), metrics.body());
        assertTrue(metrics.body().contains("cleave_audit_log_size"), metrics.body());
    }
}
