package io.cleave.broker.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.Objects;

/**
 * What happened, before the trail gives it an id, a time and a place.
 *
 * @param organisation the organisation the record concerns (its Kafka key); null for federation-wide events
 * @param actor who caused it: "admin", "org:NAME", "provider:ID", "broker"
 * @param action dotted verb, e.g. "job.submitted"
 * @param subjectType organisation, provider, dataset, job
 * @param details small facts; never data values, keys or evidence bytes
 */
public record AuditEvent(@Nullable String organisation, String actor, String action, String subjectType,
        String subjectId, @Nullable String correlationId, Map<String, Object> details) {
    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        details = Map.copyOf(details);
    }
}
