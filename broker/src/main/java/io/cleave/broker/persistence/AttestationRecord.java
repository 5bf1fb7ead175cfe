package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One attestation verdict. Holds the verified claims and the signed result, never evidence bytes.
 *
 * @param jobId the ENCLAVE job whose workload key was attested; null for the provider's own attestation
 * @param reason why the evidence was refused; null when valid
 * @param measurement 96 hex digits; null when the evidence could not be verified
 * @param nonce hex of the broker nonce the evidence bound; empty for registration evidence
 * @param expiresAt when the result expires; null when refused
 * @param resultToken the signed attestation result; null when refused
 */
@MappedEntity("attestation_results")
public record AttestationRecord(@Id String id, String providerId, @Nullable String jobId, String evidenceType,
        boolean valid, @Nullable String reason, @Nullable String measurement, @Nullable String tcb, boolean hwIsolation,
        String nonce, Instant issuedAt, @Nullable Instant expiresAt, @Nullable String resultToken) {
}
