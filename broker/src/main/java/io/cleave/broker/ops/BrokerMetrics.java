package io.cleave.broker.ops;

import io.cleave.broker.job.JobState;
import io.cleave.broker.persistence.JobRepository;
import io.cleave.broker.persistence.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * The broker's own gauges for Prometheus: jobs by state and audit records not yet acknowledged by
 * Kafka. Read from the tables at scrape time, so every replica reports the same truth.
 */
@Singleton
final class BrokerMetrics implements MeterBinder {
    private final JobRepository jobs;
    private final OutboxRepository outbox;

    BrokerMetrics(JobRepository jobs, OutboxRepository outbox) {
        this.jobs = jobs;
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            Gauge.builder("cleave.jobs", jobs, j -> j.countByState(state.name()))
                    .description("Jobs in each lifecycle state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("cleave.audit.outbox.pending", outbox, OutboxRepository::count)
                .description("Audit records written but not yet acknowledged by Kafka").register(registry);
    }
}
