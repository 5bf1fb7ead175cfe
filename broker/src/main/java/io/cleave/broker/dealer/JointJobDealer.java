package io.cleave.broker.dealer;

import io.cleave.broker.job.JobService;
import io.cleave.broker.job.JobState;
import io.cleave.broker.job.JobTransitioned;
import io.cleave.broker.relay.RelayHub;
import io.cleave.federation.JointSpec;
import io.cleave.mpc.Dealer;
import io.cleave.mpc.JobRandomness;
import io.cleave.protocols.v1.ProtectionMode;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker as the correlated-randomness dealer of SECRET_SHARED jobs (DESIGN.md §4.1): once a
 * job is scheduled it deals every Beaver triple from fresh seeds through the relay, on its own
 * thread; it takes only the public spec and receives nothing, so it never sees a data or model
 * value. When a job ends, its relay is closed.
 */
@Singleton
class JointJobDealer {
    private static final Logger LOG = LoggerFactory.getLogger(JointJobDealer.class);
    private final JobService jobs;
    private final RelayHub relay;
    private final ExecutorService dealers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dealer");
        t.setDaemon(true);
        return t;
    });

    JointJobDealer(JobService jobs, RelayHub relay) {
        this.jobs = jobs;
        this.relay = relay;
    }

    @TransactionalEventListener
    void onTransition(JobTransitioned event) {
        if (event.to().isTerminal()) {
            relay.endJob(event.jobId());
            return;
        }
        if (event.to() != JobState.SCHEDULED) {
            return;
        }
        JointSpec spec = jobs.jointSpec(event.jobId());
        if (spec.spec().getMode() != ProtectionMode.SECRET_SHARED) {
            return;
        }
        dealers.submit(() -> deal(event.jobId(), spec));
    }

    private void deal(String jobId, JointSpec spec) {
        try {
            new Dealer(spec.secureJobSpec(), relay.dealerTransport(jobId), JobRandomness.secure()).run();
            LOG.info("Dealt the correlated randomness of job {}", jobId);
        } catch (RuntimeException e) {
            LOG.warn("Dealing job {} failed: {}", jobId, e.getMessage());
            jobs.failIfStalled(jobId, JobState.SCHEDULED, java.time.Duration.ZERO, "the dealer failed: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        dealers.shutdownNow();
    }
}
