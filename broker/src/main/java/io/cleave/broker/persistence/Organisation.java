package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("organisations")
public record Organisation(@Id String id, String name, String status, Instant createdAt) {
}
