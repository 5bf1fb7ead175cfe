package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An audit record not yet acknowledged by Kafka. */
@MappedEntity("audit_outbox")
public record OutboxEntry(@Id String auditId) {
}
