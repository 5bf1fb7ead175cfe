package io.cleave.broker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The broker's own settings ({@code cleave.broker.*}).
 *
 * @param dataDir where the embedded database and the in-process Kafka keep their files
 * @param providerTimeout a provider without a heartbeat for this long counts as down
 * @param schedulerInterval how often queued jobs are matched with providers and deadlines checked
 * @param startTimeout a scheduled job whose compute provider has not reported progress by then fails
 * @param progressTimeout a running job without progress for this long fails
 * @param pauseTimeout a paused job whose missing party has not returned for this long fails (its
 *     deadline, if earlier, still applies)
 */
@ConfigurationProperties("cleave.broker")
public record BrokerConfig(
        @Bindable(defaultValue = ".cleave/broker") Path dataDir,
        @Bindable(defaultValue = "15s") Duration providerTimeout,
        @Bindable(defaultValue = "300ms") Duration schedulerInterval,
        @Bindable(defaultValue = "60s") Duration startTimeout,
        @Bindable(defaultValue = "10m") Duration progressTimeout,
        @Bindable(defaultValue = "10m") Duration pauseTimeout) {
}
