package io.cleave.broker.audit;

import java.nio.file.Path;

/** The fault tests on PostgreSQL at 127.0.0.1:5432, each in a database of its own. */
class PostgresAuditFaultTest extends AuditFaultTestBase {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabase.postgres();
    }
}
