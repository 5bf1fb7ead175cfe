package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("providers")
public record Provider(@Id String id, String organisationId, String name, String kind, int cores, long memoryBytes,
        int freeCores, long freeMemoryBytes, String dataPlaneEndpoint, Instant registeredAt, Instant lastHeartbeatAt) {

    public Provider withHeartbeat(int cores, long memory, Instant at) {
        return new Provider(id, organisationId, name, kind, this.cores, memoryBytes, cores, memory, dataPlaneEndpoint,
                registeredAt, at);
    }
}
