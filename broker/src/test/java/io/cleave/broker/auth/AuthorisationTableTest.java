package io.cleave.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.TestDatabases;
import io.cleave.broker.job.JobSpec;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobRepository;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route of the REST API, enumerated from the router, against every kind of caller: without a
 * token 401, a caller whose role or organisation does not allow it 403, an allowed caller anything
 * but 401/403. All targets belong to organisation {@code org-y}; {@code org-x}'s people are the
 * outsiders. A route without a row here fails the test: a new endpoint must state its rule.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorisationTableTest implements TestPropertyProvider {
    private static final String ADMIN_PASSWORD = "table-test-admin-password";
    private static final String PASSWORD = "a long enough password";
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    Router router;
    @Inject
    JobRepository jobRepository;
    private BrokerHttp http;
    private final Map<Persona, String> tokens = new EnumMap<>(Persona.class);
    private String jobId;

    /** Who calls. */
    enum Persona { ANONYMOUS, BROKER_ADMIN, AUDITOR, X_ADMIN, X_MEMBER, Y_ADMIN, Y_MEMBER }

    /** Who may call a route (everyone else: 401 without a token, 403 with one). */
    enum Rule {
        PUBLIC(EnumSet.allOf(Persona.class)),
        SIGNED_IN(EnumSet.complementOf(EnumSet.of(Persona.ANONYMOUS))),
        BROKER_ADMIN_ONLY(EnumSet.of(Persona.BROKER_ADMIN)),
        READ_EVERYTHING(EnumSet.of(Persona.BROKER_ADMIN, Persona.AUDITOR)),
        READ_ORG_Y(EnumSet.of(Persona.BROKER_ADMIN, Persona.AUDITOR, Persona.Y_ADMIN, Persona.Y_MEMBER)),
        ACT_FOR_ORG_Y(EnumSet.of(Persona.Y_ADMIN, Persona.Y_MEMBER)),
        ADMINISTER_ORG_Y(EnumSet.of(Persona.Y_ADMIN)),
        MANAGE_USERS_OF_ORG_Y(EnumSet.of(Persona.BROKER_ADMIN, Persona.Y_ADMIN)),
        CANCEL_JOB_OF_ORG_Y(EnumSet.of(Persona.BROKER_ADMIN, Persona.Y_ADMIN, Persona.Y_MEMBER));

        final Set<Persona> allowed;

        Rule(Set<Persona> allowed) {
            this.allowed = allowed;
        }
    }

    /** One route: its router template, a concrete request against org-y's things, and its rule. */
    record Row(String method, String template, String path, String body, Rule rule) {
        String route() {
            return method + " " + template;
        }
    }

    @Override
    public Map<String, String> getProperties() {
        try {
            Map<String, String> p = TestDatabases.h2(Files.createTempDirectory("cleave-authz-"));
            p.put("cleave.admin.password", ADMIN_PASSWORD);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void people() throws IOException {
        http = new BrokerHttp(server.getURL(), json);
        String admin = http.login("admin", ADMIN_PASSWORD).get("access_token").toString();
        for (String org : List.of("org-x", "org-y")) {
            assertEquals(201, http.send("POST", "/api/organisations", "{\"name\":\"" + org + "\"}", admin).statusCode());
        }
        tokens.put(Persona.BROKER_ADMIN, admin);
        tokens.put(Persona.AUDITOR, http.createUser(admin, "auditor", "AUDITOR", null, PASSWORD));
        tokens.put(Persona.X_ADMIN, http.createUser(admin, "x-admin", "ORG_ADMIN", "org-x", PASSWORD));
        tokens.put(Persona.Y_ADMIN, http.createUser(admin, "y-admin", "ORG_ADMIN", "org-y", PASSWORD));
        tokens.put(Persona.X_MEMBER, http.createUser(tokens.get(Persona.X_ADMIN), "x-member", "ORG_MEMBER", "org-x",
                PASSWORD));
        tokens.put(Persona.Y_MEMBER, http.createUser(tokens.get(Persona.Y_ADMIN), "y-member", "ORG_MEMBER", "org-y",
                PASSWORD));
        assertEquals(201, http.send("POST", "/api/users", "{\"username\":\"y-leaver\",\"role\":\"ORG_MEMBER\","
                + "\"organisation\":\"org-y\"}", admin).statusCode());
        // A finished job of org-y, stored directly: running one needs providers, which other tests start.
        jobId = "job-of-org-y";
        JobSpec spec = new JobSpec(JobSpec.VERSION, "y-job", "org-y", List.of("org-y/withdrawn"), "LOGISTIC", "TRUSTED", 1, 8, 0.1, 0,
                1, 0.25, 16, false, List.of("org-y"), List.of("org-y"), 0);
        Instant now = Instant.now();
        jobRepository.save(new Job(jobId, "y-job", "org-y", json.writeValueAsString(spec), "hash", "TRUSTED",
                "COMPLETED", "done", 1, 1, 0, 0, null, null, now, now));
    }

    private List<Row> table() {
        String y = "/api/organisations/org-y";
        String job = "/api/jobs/" + jobId;
        return List.of(
                new Row("GET", "/", "/", null, Rule.PUBLIC),
                new Row("GET", "/dashboard", "/dashboard", null, Rule.PUBLIC),
                new Row("GET", "/openapi.yml", "/openapi.yml", null, Rule.PUBLIC),
                new Row("GET", "/health", "/health", null, Rule.PUBLIC),
                new Row("GET", "/health/{selector}", "/health/readiness", null, Rule.PUBLIC),
                new Row("GET", "/prometheus", "/prometheus", null, Rule.PUBLIC),
                new Row("POST", "/login", "/login", "{}", Rule.PUBLIC),
                new Row("POST", "/api/organisations/enrolments", "/api/organisations/enrolments", "{}", Rule.PUBLIC),
                new Row("GET", "/api/organisations/{name}/enrolment", y + "/enrolment", null, Rule.PUBLIC),
                new Row("GET", "/api/organisations/{name}/certificate", y + "/certificate", null, Rule.PUBLIC),
                new Row("GET", "/api/organisations/{name}/crl", y + "/crl", null, Rule.PUBLIC),
                new Row("GET", "/api/pki/root", "/api/pki/root", null, Rule.PUBLIC),
                new Row("GET", "/api/pki/crl", "/api/pki/crl", null, Rule.PUBLIC),
                new Row("GET", "/api/log/checkpoint", "/api/log/checkpoint", null, Rule.PUBLIC),
                new Row("GET", "/api/log/key", "/api/log/key", null, Rule.PUBLIC),
                new Row("GET", "/api/log/proof/inclusion", "/api/log/proof/inclusion?index=0&size=1", null,
                        Rule.PUBLIC),
                new Row("GET", "/api/log/proof/consistency", "/api/log/proof/consistency?from=1&to=1", null,
                        Rule.PUBLIC),
                new Row("GET", "/api/log/leaves", "/api/log/leaves", null, Rule.READ_EVERYTHING),
                new Row("GET", "/api/log/leaf", "/api/log/leaf?record=none", null, Rule.SIGNED_IN),
                new Row("GET", "/api/organisations", "/api/organisations", null, Rule.SIGNED_IN),
                new Row("GET", "/api/providers", "/api/providers", null, Rule.SIGNED_IN),
                new Row("GET", "/api/datasets", "/api/datasets", null, Rule.SIGNED_IN),
                new Row("GET", "/api/datasets/{id}", "/api/datasets/none", null, Rule.SIGNED_IN),
                new Row("GET", "/api/system", "/api/system", null, Rule.SIGNED_IN),
                new Row("GET", "/api/audit", "/api/audit", null, Rule.SIGNED_IN),
                new Row("GET", "/api/jobs", "/api/jobs", null, Rule.SIGNED_IN),
                new Row("GET", "/api/users", "/api/users", null, Rule.SIGNED_IN),
                new Row("GET", "/api/users/me", "/api/users/me", null, Rule.SIGNED_IN),
                new Row("POST", "/api/users/me/password", "/api/users/me/password", "{}", Rule.SIGNED_IN),
                new Row("POST", "/api/organisations", "/api/organisations", "{\"name\":\"org-new\"}",
                        Rule.BROKER_ADMIN_ONLY),
                new Row("POST", "/api/organisations/{name}/approve", y + "/approve", null, Rule.BROKER_ADMIN_ONLY),
                new Row("POST", "/api/organisations/{name}/revoke", y + "/revoke", null, Rule.BROKER_ADMIN_ONLY),
                new Row("GET", "/api/organisations/{name}", y, null, Rule.READ_ORG_Y),
                new Row("GET", "/api/organisations/{name}/provider-certificates", y + "/provider-certificates", null,
                        Rule.READ_ORG_Y),
                new Row("POST", "/api/organisations/{name}/provider-certificates", y + "/provider-certificates", "{}",
                        Rule.ADMINISTER_ORG_Y),
                new Row("PUT", "/api/organisations/{name}/crl", y + "/crl", "{}", Rule.ADMINISTER_ORG_Y),
                new Row("POST", "/api/users", "/api/users",
                        "{\"username\":\"y-new\",\"role\":\"ORG_MEMBER\",\"organisation\":\"org-y\"}",
                        Rule.MANAGE_USERS_OF_ORG_Y),
                new Row("DELETE", "/api/users/{name}", "/api/users/y-leaver", null, Rule.MANAGE_USERS_OF_ORG_Y),
                new Row("POST", "/api/jobs", "/api/jobs", "{\"owner\":\"org-y\",\"datasets\":[\"org-y/none\"]}",
                        Rule.ACT_FOR_ORG_Y),
                new Row("GET", "/api/jobs/{id}", job, null, Rule.READ_ORG_Y),
                new Row("GET", "/api/jobs/{id}/model", job + "/model", null, Rule.ACT_FOR_ORG_Y),
                new Row("GET", "/api/jobs/{id}/spec", job + "/spec", null, Rule.READ_ORG_Y),
                new Row("POST", "/api/jobs/{id}/consents", job + "/consents",
                        "{\"organisation\":\"org-y\",\"decision\":\"APPROVE\",\"signature\":\"AA==\"}",
                        Rule.ACT_FOR_ORG_Y),
                new Row("GET", "/api/jobs/{id}/sealed-model", job + "/sealed-model?recipient=org-y", null,
                        Rule.ACT_FOR_ORG_Y),
                new Row("GET", "/api/organisations/{name}/hpke-key", y + "/hpke-key", null, Rule.SIGNED_IN),
                new Row("PUT", "/api/organisations/{name}/hpke-key", y + "/hpke-key",
                        "{\"public_key\":\"AA==\",\"signature\":\"AA==\"}", Rule.ADMINISTER_ORG_Y),
                new Row("POST", "/api/jobs/{id}/cancel", job + "/cancel", null, Rule.CANCEL_JOB_OF_ORG_Y));
    }

    @Test
    void everyRouteOfTheRouter_hasExactlyOneRow() {
        Set<String> routes = router.uriRoutes().map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
                .filter(r -> !r.startsWith("HEAD ") && !r.startsWith("OPTIONS "))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rows = table().stream().map(Row::route).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(table().size(), rows.size(), "a route has two rows");
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(rows);
        Set<String> stale = new TreeSet<>(rows);
        stale.removeAll(routes);
        assertEquals(Set.of(), missing, "routes without an authorisation rule in this table");
        assertEquals(Set.of(), stale, "rows for routes that no longer exist");
    }

    @Test
    void everyRoute_everyCaller_getsTheStatusOfItsRule() {
        List<String> failures = new ArrayList<>();
        for (Row row : table()) {
            // Refused callers first: an allowed call may change what later calls find (a removed user).
            List<Persona> order = new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(row.rule().allowed)));
            order.addAll(row.rule().allowed);
            for (Persona who : order) {
                var r = http.send(row.method(), row.path(), row.body(), tokens.get(who));
                int status = r.statusCode();
                boolean allowed = row.rule().allowed.contains(who);
                int expected = who == Persona.ANONYMOUS ? 401 : 403;
                if (allowed ? status == 401 || status == 403 : status != expected) {
                    failures.add(row.method() + " " + row.path() + " as " + who + ": " + status + " " + r.body()
                            + " (rule " + row.rule() + ")");
                } else if (!allowed && !r.body().contains("\"message\":")) {
                    failures.add(row.method() + " " + row.path() + " as " + who + ": no message in " + r.body());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void listings_showAnOutsiderNothingOfAnotherOrganisation() {
        String outsider = tokens.get(Persona.X_MEMBER);
        assertEquals("[]", http.send("GET", "/api/jobs", null, outsider).body());
        assertTrue(http.send("GET", "/api/jobs", null, tokens.get(Persona.Y_MEMBER)).body().contains(jobId));
        String users = http.send("GET", "/api/users", null, outsider).body();
        assertTrue(users.contains("\"x-admin\"") && !users.contains("\"y-"), users);
        String audit = http.send("GET", "/api/audit?limit=1000", null, outsider).body();
        assertTrue(audit.contains("x-member") && !audit.contains("\"organisation\":\"org-y\""), audit);
        String auditorView = http.send("GET", "/api/audit?limit=1000", null, tokens.get(Persona.AUDITOR)).body();
        assertTrue(auditorView.contains("\"organisation\":\"org-y\""), auditorView);
        String refused = http.send("GET", "/api/jobs/" + jobId, null, outsider).body();
        assertEquals("{\"error\":\"user 'x-member' (ORG_MEMBER of 'org-x') may not read job '" + jobId
                + "': its organisation takes no part in it\",\"message\":\"user 'x-member' (ORG_MEMBER of 'org-x') may "
                + "not read job '" + jobId + "': its organisation takes no part in it\"}", refused);
    }
}
