package io.cleave.broker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The attestation service's settings ({@code cleave.broker.attestation.*}).
 *
 * @param resultLifetime how long a signed attestation result may be used; providers re-attest before
 * @param nonceLifetime how long a challenge nonce may wait for its Attest call
 * @param signingKeyFile the ECDSA P-256 key that signs results; default {@code <data-dir>/attestation/result-signing.key}
 */
@ConfigurationProperties("cleave.broker.attestation")
public record AttestationConfig(
        @Bindable(defaultValue = "10m") Duration resultLifetime,
        @Bindable(defaultValue = "2m") Duration nonceLifetime,
        @Nullable Path signingKeyFile) {
}
