package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A committed audit record not yet in the Merkle log.
 *
 * @param seq the record's {@code audit_log.seq}, so the relay takes the oldest first from an index
 */
@MappedEntity("audit_outbox")
public record OutboxEntry(@Id String auditId, long seq) {
}
