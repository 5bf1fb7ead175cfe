package io.cleave.memory.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Settings of a memory provider ({@code cleave.memory.*}).
 *
 * @param broker "host:port" of the broker's control plane
 * @param organisation the organisation this provider belongs to (must exist at the broker)
 * @param name this provider's name within its organisation
 * @param advertisedHost the host compute providers use to reach this data plane
 * @param rowsPerPage rows in each fixed-size page held in memory
 * @param datasets datasets to load, each "NAME:LABEL_COLUMN:PATH_TO_CSV"
 */
@ConfigurationProperties("cleave.memory")
public record MemoryProviderConfig(
        @Bindable(defaultValue = "127.0.0.1:50051") String broker,
        String organisation,
        @Bindable(defaultValue = "memory-1") String name,
        @Bindable(defaultValue = "127.0.0.1") String advertisedHost,
        @Bindable(defaultValue = "64") int rowsPerPage,
        List<String> datasets) {
}
