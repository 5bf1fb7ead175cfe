package io.cleave.broker.audit;

import io.cleave.broker.TestDatabases;
import java.nio.file.Path;
import java.util.Map;

/** The broker's two databases for tests: H2 in a folder, or a fresh PostgreSQL database on 127.0.0.1:5432. */
final class TestDatabase implements AutoCloseable {
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
        String name = TestDatabases.newDatabaseName();
        TestDatabases.createPostgres(name);
        return new TestDatabase(TestDatabases.POSTGRES_SERVER + name, "postgres", name);
    }

    Map<String, Object> properties() {
        return Map.of("datasources.default.url", url, "datasources.default.username", username,
                "datasources.default.password", "");
    }

    @Override
    public void close() {
        if (pgName != null) {
            TestDatabases.dropPostgres(pgName);
        }
    }
}
