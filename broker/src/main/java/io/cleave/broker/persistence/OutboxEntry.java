package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A committed audit record not yet in the Merkle log.
 *
 * @param seq the record's {@code audit_log.seq}: the relay takes the oldest first, in key order
 */
@MappedEntity("audit_outbox")
public record OutboxEntry(@Id long seq) {
}
