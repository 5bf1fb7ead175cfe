package io.cleave.broker.api.http;

import io.cleave.broker.audit.AuditRecordView;
import io.cleave.broker.audit.RelayStatus;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.job.CostEstimate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the REST API (snake_case on the wire). */
final class Views {
    private Views() {
    }

    @Serdeable
    record OrganisationCreate(@Nullable String name) {
    }

    @Serdeable
    record OrganisationView(String id, String name, String status, Instant createdAt) {
    }

    @Serdeable
    record ProviderView(String id, String organisation, String name, String kind, int cores, long memoryBytes,
            int freeCores, long freeMemoryBytes, String dataPlaneEndpoint, boolean alive, long heartbeatAgeMs,
            @Nullable AttestationView attestation) {
    }

    /**
     * A provider's latest attestation verdict. {@code isolation} says "no hardware isolation" for
     * software evidence; {@code current} is false once the result expired or when it was refused.
     */
    @Serdeable
    record AttestationView(String evidenceType, boolean valid, boolean current, String isolation,
            @Nullable String measurement, @Nullable String tcb, Instant verifiedAt, @Nullable Instant expiresAt,
            @Nullable String reason) {
    }

    @Serdeable
    record DatasetView(String id, String organisation, String provider, String name, SchemaView schema, long rowCount,
            int rowsPerPage, int pageCount, long sizeBytes, Instant registeredAt) {
    }

    @Serdeable
    record EpochView(int epoch, long step, @Nullable Double loss, Instant reportedAt, @Nullable Double excacheHitRate) {
    }

    @Serdeable
    record PartyView(String providerId, String role, @Nullable String datasetId) {
    }

    @Serdeable
    record JobView(String id, String name, String owner, String mode, String state, @Nullable String stateReason,
            String specHash, Map<String, Object> spec, int epoch, int epochs, long step, long steps,
            @Nullable Map<String, Object> metrics, @Nullable String modelCommitment, List<PartyView> parties,
            List<EpochView> progress, Instant submittedAt, Instant updatedAt, List<ConsentView> consents,
            @Nullable CostEstimate estimate) {
    }

    @Serdeable
    record ConsentView(String organisation, String decision, @Nullable String reason, Instant decidedAt) {
    }

    @Serdeable
    record JobStateView(String id, String state, @Nullable String stateReason) {
    }

    @Serdeable
    record AuditPage(List<AuditRecordView> records, long nextAfter) {
    }

    @Serdeable
    record SystemView(String kafkaBootstrapServers, boolean kafkaEmbedded, String auditTopic, long auditRecords,
            long auditPending, String logOrigin, RelayStatus.Snapshot auditRelay) {
    }

    @Serdeable
    record ProofView(long treeSize, @Nullable Long index, @Nullable Long fromSize, List<String> hashes) {
    }

    @Serdeable
    record LeavesView(long start, List<String> leaves) {
    }

    @Serdeable
    record LeafView(long index, String leaf) {
    }

    @Serdeable
    record ErrorView(String error) {
    }
}
