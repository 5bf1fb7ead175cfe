package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One leaf of the audit Merkle log.
 *
 * @param leafIndex dense, from 0, in the order the relay logged records
 * @param organisation copied from the record: the per-organisation Kafka topic it also goes to
 * @param occurredAt copied from the record, to measure relay lag
 * @param leafHash RFC 9162 leaf hash of {@code leaf}
 * @param leaf the canonical record text (docs/audit-record.md), exactly the bytes hashed
 */
@MappedEntity("audit_leaves")
public record LogLeaf(@Id long leafIndex, String auditId, @Nullable String organisation, Instant occurredAt,
        byte[] leafHash, String leaf) {
}
