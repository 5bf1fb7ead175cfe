package io.cleave.broker.attestation;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The outcome of one attestation, as the provider is told it.
 *
 * @param resultToken the signed attestation result; null when refused
 * @param expiresAt the result's expiry; null when refused
 * @param refusal why the evidence was refused; null when valid
 */
public record Verdict(@Nullable String resultToken, @Nullable Instant expiresAt, @Nullable String refusal) {
    public boolean valid() {
        return resultToken != null;
    }
}
