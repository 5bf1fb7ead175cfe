package io.cleave.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.TestDatabases;
import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.cleave.broker.persistence.UserRepository;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sign-in over a real socket: tokens, refusals that do not tell who exists, one-time passwords, no secret in logs. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthHttpTest implements TestPropertyProvider {
    private static final String ADMIN_PASSWORD = "auth-test-admin-password";
    private static final String BAD_CREDENTIALS = "{\"error\":\"wrong username or password\","
            + "\"message\":\"wrong username or password\"}";
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    TokenGenerator tokenGenerator;
    @Inject
    AuditRepository audit;
    @Inject
    UserRepository users;
    private BrokerHttp http;
    private String admin;

    @Override
    public Map<String, String> getProperties() {
        try {
            Map<String, String> p = TestDatabases.h2(Files.createTempDirectory("cleave-auth-"));
            p.put("cleave.admin.password", ADMIN_PASSWORD);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void signIn() {
        http = new BrokerHttp(server.getURL(), json);
        admin = http.login("admin", ADMIN_PASSWORD).get("access_token").toString();
    }

    @Test
    void login_brokerAdmin_answersTheContract() {
        var r = http.send("POST", "/login", http.text(Map.of("username", "admin", "password", ADMIN_PASSWORD)), null);
        assertEquals(200, r.statusCode());
        Map<String, Object> body = http.map(r);
        assertEquals("Bearer", body.get("token_type"));
        assertEquals(3600, body.get("expires_in"));
        assertEquals("admin", body.get("username"));
        assertEquals(List.of("BROKER_ADMIN"), body.get("roles"));
        assertTrue(body.containsKey("organisation") && body.get("organisation") == null, r.body());
        assertEquals(3, body.get("access_token").toString().split("\\.").length, "a JWS compact serialisation");
        assertEquals(200, http.send("GET", "/api/jobs", null, body.get("access_token").toString()).statusCode());
    }

    @Test
    void login_wrongPasswordOrUnknownUser_401WithTheSameMessage() {
        var wrong = http.send("POST", "/login", http.text(Map.of("username", "admin", "password", "not it at all")), null);
        var unknown = http.send("POST", "/login", http.text(Map.of("username", "nobody", "password", "not it at all")),
                null);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(BAD_CREDENTIALS, wrong.body());
        assertEquals(BAD_CREDENTIALS, unknown.body());
    }

    @Test
    void unknownPath_404WithOrWithoutToken() {
        assertEquals(404, http.send("GET", "/api/no-such-thing", null, null).statusCode());
        assertEquals(404, http.send("GET", "/api/no-such-thing", null, admin).statusCode());
    }

    @Test
    void login_missingFields_400SaysWhat() {
        var r = http.send("POST", "/login", "{\"username\":\"admin\"}", null);
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"a sign-in needs a username and a password\"}", r.body());
    }

    @Test
    void api_withoutExpiredOrTamperedToken_401() {
        String notSignedIn = "not signed in: send 'Authorization: Bearer <token>' with a token from POST /login";
        var none = http.send("GET", "/api/jobs", null, null);
        assertEquals(401, none.statusCode());
        assertEquals(notSignedIn, http.map(none).get("message"));
        assertEquals("Bearer", none.headers().firstValue("www-authenticate").orElse(""));

        long past = Instant.now().minusSeconds(60).getEpochSecond();
        String expired = tokenGenerator.generateToken(Map.of("sub", "admin", "roles", List.of("BROKER_ADMIN"),
                "iat", past - 3600, "exp", past)).orElseThrow();
        String[] parts = admin.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"sub\":\"admin\"", "\"sub\":\"mallory\"").getBytes(StandardCharsets.UTF_8));
        char last = parts[2].charAt(parts[2].length() - 2);
        String flippedSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        Map<String, String> bad = Map.of("expired", expired, "payload changed", parts[0] + "." + forgedPayload + "."
                + parts[2], "signature changed", parts[0] + "." + parts[1] + "." + flippedSignature,
                "alg none", unsigned, "truncated", admin.substring(0, admin.length() - 1), "garbage", "garbage");
        bad.forEach((what, token) -> {
            var r = http.send("GET", "/api/jobs", null, token);
            assertEquals(401, r.statusCode(), what + ": " + r.body());
            assertEquals(notSignedIn, http.map(r).get("message"), what);
        });
    }

    @Test
    void oneTimePassword_mustBeReplacedBeforeAnythingElse_andNeverLogsOrAudits() {
        try (CapturedLogs logs = new CapturedLogs()) {
            assertEquals(201, http.send("POST", "/api/organisations", "{\"name\":\"acme\"}", admin).statusCode());
            var created = http.send("POST", "/api/users",
                    "{\"username\":\"acme-admin\",\"role\":\"ORG_ADMIN\",\"organisation\":\"acme\"}", admin);
            assertEquals(201, created.statusCode(), created.body());
            String oneTime = http.map(created).get("one_time_password").toString();
            assertEquals(true, http.map(created).get("password_change_required"));

            Map<String, Object> first = http.login("acme-admin", oneTime);
            assertEquals(true, first.get("password_change_required"));
            assertEquals("acme", first.get("organisation"));
            String limited = first.get("access_token").toString();
            var refused = http.send("GET", "/api/jobs", null, limited);
            assertEquals(403, refused.statusCode());
            assertEquals("user 'acme-admin' (ORG_ADMIN of 'acme') must replace its one-time password first "
                    + "(POST /api/users/me/password)", http.map(refused).get("message"));

            var wrongCurrent = http.send("POST", "/api/users/me/password",
                    http.text(Map.of("current_password", "guess guess guess", "new_password", "a new long password")),
                    limited);
            assertEquals(400, wrongCurrent.statusCode());
            assertEquals("{\"error\":\"the current password is wrong\"}", wrongCurrent.body());
            var tooShort = http.send("POST", "/api/users/me/password",
                    http.text(Map.of("current_password", oneTime, "new_password", "short")), limited);
            assertEquals("{\"error\":\"a password must be 12 to 256 characters long\"}", tooShort.body());

            String chosen = "acme admin's own passphrase";
            var changed = http.send("POST", "/api/users/me/password",
                    http.text(Map.of("current_password", oneTime, "new_password", chosen)), limited);
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals(false, http.map(changed).get("password_change_required"));
            assertEquals(200, http.send("GET", "/api/jobs", null, http.map(changed).get("access_token").toString())
                    .statusCode());
            assertEquals(401, http.send("POST", "/login", http.text(Map.of("username", "acme-admin",
                    "password", oneTime)), null).statusCode());
            assertEquals("acme", http.login("acme-admin", chosen).get("organisation"));

            assertEquals(204, http.send("DELETE", "/api/users/acme-admin", null, admin).statusCode());
            assertEquals(401, http.send("POST", "/login", http.text(Map.of("username", "acme-admin",
                    "password", chosen)), null).statusCode());

            List<AuditEntry> trail = StreamSupport.stream(audit.findAll().spliterator(), false)
                    .filter(e -> "acme-admin".equals(e.subjectId())).toList();
            assertEquals(List.of("user.created", "user.password_changed", "user.removed"),
                    trail.stream().map(AuditEntry::action).toList());
            assertEquals(List.of("user:admin", "user:acme-admin", "user:admin"),
                    trail.stream().map(AuditEntry::actor).toList());
            String records = trail.stream().map(AuditEntry::detailsJson).collect(Collectors.joining("\n"));
            String everything = records + "\n" + logs.text();
            for (String secret : List.of(oneTime, chosen, ADMIN_PASSWORD, "$argon2id$")) {
                assertFalse(everything.contains(secret), "a password or hash reached a log line or audit record");
            }
        }
    }

    @Test
    void storedPassword_isAnArgon2idHash() {
        String hash = users.findById("admin").orElseThrow().passwordHash();
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertNull(users.findById("admin").orElseThrow().organisationId());
    }
}
