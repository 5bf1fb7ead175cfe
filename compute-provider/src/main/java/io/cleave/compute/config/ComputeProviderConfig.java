package io.cleave.compute.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings of a compute provider ({@code cleave.compute.*}).
 *
 * @param broker "host:port" of the broker's control plane
 * @param organisation the organisation this provider belongs to (must exist at the broker)
 * @param name this provider's name within its organisation
 * @param cores CPU cores lent to jobs
 * @param memoryBytes memory lent to jobs
 * @param stateDir where this provider keeps its sealed training checkpoints and their local key
 *     (created 0700/0600 on first use); a provider restarted after a crash must find it again to
 *     resume its paused jobs
 * @param excacheSize bytes of a SECRET_SHARED task's ExCache (blocks of E and the mask share held
 *     at once); default 256 MiB
 */
@ConfigurationProperties("cleave.compute")
public record ComputeProviderConfig(
        @Bindable(defaultValue = "127.0.0.1:50051") String broker,
        String organisation,
        @Bindable(defaultValue = "compute-1") String name,
        @Bindable(defaultValue = "2") int cores,
        @Bindable(defaultValue = "1073741824") long memoryBytes,
        @Bindable(defaultValue = ".cleave/compute-state") String stateDir,
        @Bindable(defaultValue = "268435456") long excacheSize) {
}
