package io.cleave.broker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.TestDatabases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * First start on PostgreSQL without a configured administrator password: the broker generates one
 * into {@code <data-dir>/admin-password} (mode 600), logs only the path, and it signs in.
 */
class PostgresLoginTest {
    @Test
    void firstStart_generatesAdminPasswordFile_andAdminSignsIn() throws Exception {
        Path dir = Files.createTempDirectory("cleave-pg-login-");
        String database = TestDatabases.newDatabaseName();
        Map<String, Object> properties = Map.copyOf(TestDatabases.postgres(dir, database));
        try (CapturedLogs logs = new CapturedLogs();
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            Path file = dir.resolve("admin-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertTrue(password.length() >= 24, "a generated password of 144 bits");
            assertTrue(logs.text().contains(file.toAbsolutePath().toString()), "the log names the file");
            assertFalse(logs.text().contains(password), "the log shows the password");

            BrokerHttp http = new BrokerHttp(server.getURL(), server.getApplicationContext().getBean(JsonMapper.class));
            String token = http.login("admin", password).get("access_token").toString();
            assertEquals(200, http.send("GET", "/api/users/me", null, token).statusCode());
            assertEquals(401, http.send("POST", "/login", http.text(Map.of("username", "admin",
                    "password", password + "x")), null).statusCode());
        } finally {
            TestDatabases.dropPostgres(database);
        }
    }
}
