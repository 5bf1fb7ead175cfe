package io.cleave.broker.audit;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;

/** Writes audit records as state changes do: several per transaction, through the outbox. */
@Singleton
public class AuditLoad {
    private static final String[] ORGANISATIONS = {"org-a", "org-b", null};
    private final AuditTrail trail;

    AuditLoad(AuditTrail trail) {
        this.trail = trail;
    }

    /** Writes {@code count} records about job {@code job} in one transaction, numbered from {@code first}. */
    @Transactional
    public void write(String job, long first, int count) {
        for (long i = first; i < first + count; i++) {
            String org = ORGANISATIONS[(int) (i % ORGANISATIONS.length)];
            trail.record(new AuditEvent(org, "broker", "test.event", "job", job, job,
                    Map.of("n", i, "note", "line\n\"quoted\" é", "ratio", i / 7.0)));
        }
    }
}
