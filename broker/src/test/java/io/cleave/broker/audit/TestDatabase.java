package io.cleave.broker.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The broker's two databases for tests: H2 in a folder, or a fresh PostgreSQL database on 127.0.0.1:5432. */
final class TestDatabase implements AutoCloseable {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private final String url;
    private final String username;
    private final String pgName;

    private TestDatabase(String url, String username, String pgName) {
        this.url = url;
        this.username = username;
        this.pgName = pgName;
    }

    static TestDatabase h2(Path dir) {
        return new TestDatabase("jdbc:h2:file:" + dir.resolve("db/cleave").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", null);
    }

    /** A new database on the local PostgreSQL (trust authentication), dropped by {@link #close()}. */
    static TestDatabase postgres() {
        String name = "cleave_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(PG + name, "postgres", name);
    }

    Map<String, Object> properties() {
        return Map.of("datasources.default.url", url, "datasources.default.username", username,
                "datasources.default.password", "");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(PG + "test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432: " + sql + " failed", e);
        }
    }

    @Override
    public void close() {
        if (pgName != null) {
            admin("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
        }
    }
}
