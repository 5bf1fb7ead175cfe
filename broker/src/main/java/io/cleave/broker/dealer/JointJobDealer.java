package io.cleave.broker.dealer;

import io.cleave.broker.job.JobAttempts;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.JobState;
import io.cleave.broker.job.JobTransitioned;
import io.cleave.broker.relay.RelayHub;
import io.cleave.federation.JointSpec;
import io.cleave.mpc.Dealer;
import io.cleave.broker.persistence.JobAttempt;
import io.cleave.mpc.JobRandomness;
import io.cleave.relay.RelaySession;
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
 * job is scheduled it deals every Beaver triple through the relay, on its own thread, from a fresh
 * secret root that it keeps ({@link JobAttempts#dealerRandomness}); it takes only the public spec
 * and receives nothing, so it never sees a data or model value. When a paused job resumes, it deals
 * the new attempt again from the same root, skipping the epochs the parties resume after. When a
 * job pauses, the relay session of the attempt is closed (the other participants' tasks end); when
 * it ends, its session is closed and its dealer root deleted.
 */
@Singleton
class JointJobDealer {
    private static final Logger LOG = LoggerFactory.getLogger(JointJobDealer.class);
    private final JobService jobs;
    private final RelayHub relay;
    private final JobAttempts attempts;
    /** A thread per job being dealt: a dealer waits for its receivers' room, which must not hold up other jobs. */
    private final ExecutorService dealers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dealer");
        t.setDaemon(true);
        return t;
    });

    JointJobDealer(JobService jobs, RelayHub relay, JobAttempts attempts) {
        this.attempts = attempts;
        this.jobs = jobs;
        this.relay = relay;
    }

    @TransactionalEventListener
    void onTransition(JobTransitioned event) {
        if (event.to().isTerminal() || event.to() == JobState.PAUSED) {
            relay.endJob(attempts.session(event.jobId()).id());
            if (event.to().isTerminal()) {
                attempts.forgetDealerRoot(event.jobId());
            }
            return;
        }
        boolean resumed = event.from() == JobState.PAUSED && event.to() == JobState.RUNNING;
        if (event.to() != JobState.SCHEDULED && !resumed) {
            return;
        }
        JointSpec spec = jobs.jointSpec(event.jobId());
        if (spec.spec().getMode() != ProtectionMode.SECRET_SHARED) {
            return;
        }
        JobRandomness randomness = attempts.dealerRandomness(event.jobId());
        JobAttempt attempt = attempts.current(event.jobId());
        dealers.submit(() -> deal(event.jobId(), spec, randomness, attempt));
    }

    private void deal(String jobId, JointSpec spec, JobRandomness randomness, JobAttempt attempt) {
        RelaySession session = new RelaySession(jobId, attempt.attempt());
        try {
            new Dealer(spec.secureJobSpec(), relay.dealerTransport(session.id()), randomness,
                    attempt.resumeAfterEpoch()).run();
            LOG.info("Dealt the correlated randomness of job {} (attempt {}, after epoch {})", jobId, attempt.attempt(),
                    attempt.resumeAfterEpoch());
        } catch (RuntimeException e) {
            LOG.warn("Dealing job {} (attempt {}) failed: {}", jobId, attempt.attempt(), e.getMessage());
            attempts.dealerFailed(jobId, attempt.attempt(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        dealers.shutdownNow();
    }
}
