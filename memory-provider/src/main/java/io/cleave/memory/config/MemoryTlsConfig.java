package io.cleave.memory.config;

import io.cleave.controlplane.ControlPlaneTls;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * This provider's mutual-TLS files for the control plane ({@code cleave.memory.tls.*}), as written by
 * {@code cleave provider cert issue}: all three or none.
 *
 * @param key the provider's ECDSA P-256 private key (PKCS#8 PEM, owner-only)
 * @param chain its certificate chain [provider, organisation CA] (PEM)
 * @param root the federation root certificate to trust (PEM)
 */
@ConfigurationProperties("cleave.memory.tls")
public record MemoryTlsConfig(@Nullable Path key, @Nullable Path chain, @Nullable Path root) {
    /** The files, or null when none is configured; a partial configuration is an error. */
    public @Nullable ControlPlaneTls files() {
        if (key == null && chain == null && root == null) {
            return null;
        }
        if (key == null || chain == null || root == null) {
            throw new IllegalStateException("cleave.memory.tls needs key, chain and root together");
        }
        return new ControlPlaneTls(key, chain, root);
    }
}
