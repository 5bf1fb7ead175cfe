package io.cleave.broker.ops;

import io.cleave.broker.audit.KafkaCluster;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/** Readiness: the broker is ready only while the Kafka cluster of its audit topics answers. */
@Singleton
@Readiness
final class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {
    private static final int TIMEOUT_MS = 3_000;
    private final KafkaCluster cluster;
    private final Admin admin;

    KafkaHealthIndicator(KafkaCluster cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // Off the event loop: the check may wait for Kafka for up to its timeout.
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(this::check));
    }

    private HealthResult check() {
        HealthResult.Builder result = HealthResult.builder("kafka");
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            return result.status(HealthStatus.UP).details(Map.of("bootstrap_servers", cluster.bootstrapServers(),
                    "embedded", cluster.isEmbedded(), "nodes", nodes)).build();
        } catch (Exception e) {
            return result.status(HealthStatus.DOWN).details(Map.of("bootstrap_servers", cluster.bootstrapServers(),
                    "error", "Kafka did not answer within " + TIMEOUT_MS + " ms")).build();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        admin.close();
    }
}
