package io.cleave.broker.config;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * How the gRPC control plane is protected. Mutual TLS by default; plaintext only when
 * {@code cleave.broker.insecure-plaintext-control-plane=true}, which leaves every provider
 * unauthenticated and every control message readable and alterable on the path.
 */
@Singleton
public final class ControlPlaneConfig {
    public static final String INSECURE_PLAINTEXT = "cleave.broker.insecure-plaintext-control-plane";
    private final boolean insecurePlaintext;
    private final List<String> hostnames;

    /**
     * @param hostnames extra DNS names for the broker's TLS certificate besides localhost and
     *     127.0.0.1 ({@code cleave.broker.tls.hostnames}, comma separated)
     */
    public ControlPlaneConfig(@Property(name = INSECURE_PLAINTEXT, defaultValue = "false") boolean insecurePlaintext,
            @Property(name = "cleave.broker.tls.hostnames") @Nullable List<String> hostnames) {
        this.insecurePlaintext = insecurePlaintext;
        this.hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }

    public boolean insecurePlaintext() {
        return insecurePlaintext;
    }

    public List<String> hostnames() {
        return hostnames;
    }
}
