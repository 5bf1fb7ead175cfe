package io.cleave.broker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Broker properties for a fresh database of each kind: an H2 file in a temporary folder, or a new
 * database on the PostgreSQL server of this machine (127.0.0.1:5432, trust auth), dropped at the end.
 */
public final class TestDatabases {
    public static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private TestDatabases() {
    }

    /**
     * Properties common to every broker test: its own data folder and ports the system assigns at
     * bind time (a port merely found free beforehand can be taken before the server binds it).
     * A test that dials the control plane by a known number uses {@link #withKnownGrpcPort}.
     */
    public static Map<String, String> base(Path dataDir) {
        Map<String, String> p = new HashMap<>();
        p.put("cleave.broker.data-dir", dataDir.toString());
        p.put("grpc.server.port", "0");
        p.put("micronaut.server.port", "-1");
        return p;
    }

    public static Map<String, String> h2(Path dataDir) {
        return base(dataDir);
    }

    /** {@code properties} with a gRPC port picked in advance, for tests that read {@code grpc.server.port}. */
    public static Map<String, String> withKnownGrpcPort(Map<String, String> properties) {
        properties.put("grpc.server.port", "${random.port}");
        return properties;
    }

    /** A new PostgreSQL database; call {@link #dropPostgres} with the same name when done. */
    public static Map<String, String> postgres(Path dataDir, String database) {
        createPostgres(database);
        Map<String, String> p = base(dataDir);
        p.put("datasources.default.url", POSTGRES_SERVER + database);
        p.put("datasources.default.username", "postgres");
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        return p;
    }

    /** Creates an empty database on the local server; drop it with {@link #dropPostgres}. */
    public static void createPostgres(String database) {
        execute("CREATE DATABASE " + database);
    }

    public static String newDatabaseName() {
        return "cleave_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static void dropPostgres(String database) {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_SERVER + "test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for this test (" + sql + ")", e);
        }
    }
}
