package io.cleave.broker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * The verifiable audit log ({@code cleave.log.*}).
 *
 * @param signingKeyFile the log's note signing key ({@code PRIVATE+KEY+...} text); null means
 *     {@code <cleave.broker.data-dir>/log/log-signing.key}. Generated on first start with mode 600.
 * @param origin the log's name and checkpoint origin for a newly generated key; null means
 *     {@code cleave.broker/<host name>}. An existing key keeps its own name.
 */
@ConfigurationProperties("cleave.log")
public record LogSettings(@Nullable Path signingKeyFile, @Nullable String origin) {
}
