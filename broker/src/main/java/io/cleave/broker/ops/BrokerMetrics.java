package io.cleave.broker.ops;

import io.cleave.broker.audit.RelayStatus;
import io.cleave.broker.job.JobState;
import io.cleave.broker.persistence.JobRepository;
import io.cleave.broker.persistence.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micronaut.context.BeanProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * The broker's own gauges for Prometheus: jobs by state, and the audit pipeline's backlog and lag.
 * Computed at scrape time from the tables and the relay's state.
 */
@Singleton
final class BrokerMetrics implements MeterBinder {
    private final JobRepository jobs;
    private final OutboxRepository outbox;
    /** Looked up at scrape time: the relay itself needs the meter registry that this binder configures. */
    private final BeanProvider<RelayStatus> relay;

    BrokerMetrics(JobRepository jobs, OutboxRepository outbox, BeanProvider<RelayStatus> relay) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            Gauge.builder("cleave.jobs", jobs, j -> j.countByState(state.name()))
                    .description("Jobs in each lifecycle state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("cleave.audit.outbox.pending", outbox, OutboxRepository::count)
                .description("Audit records committed but not yet in the verifiable log").register(registry);
        Gauge.builder("cleave.audit.undelivered", relay, r -> r.get().snapshot().undelivered())
                .description("Audit records Kafka does not hold yet (the relay's back-pressure)").register(registry);
        Gauge.builder("cleave.audit.relay.lag", relay, r -> r.get().snapshot().lagMs() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest audit record Kafka does not hold yet").register(registry);
        Gauge.builder("cleave.audit.relay.lag.p99", relay, r -> r.get().snapshot().lagP99Ms() / 1000.0).baseUnit("seconds")
                .description("99th percentile delivery lag of recent audit records").register(registry);
        Gauge.builder("cleave.audit.log.size", relay, r -> r.get().snapshot().logSize())
                .description("Leaves in the verifiable audit log").register(registry);
    }
}
