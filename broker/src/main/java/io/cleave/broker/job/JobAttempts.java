package io.cleave.broker.job;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobAttempt;
import io.cleave.broker.persistence.JobAttemptRepository;
import io.cleave.broker.persistence.JobCheckpoint;
import io.cleave.broker.persistence.JobCheckpointRepository;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.Provider;
import io.cleave.mpc.JobRandomness;
import io.cleave.relay.RelaySession;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pause and resume of SECRET_SHARED jobs (DESIGN.md §7). A running job whose compute party's
 * control-plane stream ended is PAUSED; when every party is connected again it runs as the next
 * attempt (its own relay session), resuming after the latest epoch both compute parties reported a
 * sealed checkpoint of. Each step is one transaction with its audit record.
 *
 * <p>What the broker keeps for this: each party's checkpoint epoch and the SHA-256 of its sealed
 * file (never the checkpoint); and, in memory only, the dealer's root seed, so that every attempt is
 * dealt the same correlated randomness: truncation is local, so only the same masks give the same
 * model. The root is as secret as the dealer; it is forgotten when the job ends.
 */
@Singleton
public class JobAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(JobAttempts.class);
    private final JobService jobs;
    private final JobAttemptRepository attempts;
    private final JobCheckpointRepository checkpoints;
    private final ProviderService providers;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final Clock clock;
    private final Long insecureFixedDealerSeed;
    private final Map<String, JobRandomness> dealerRoots = new ConcurrentHashMap<>();
    private static final String RANDOMNESS_GONE = "is gone (the job ended, or the broker restarted since it was first "
            + "dealt), so it cannot be dealt again";

    /**
     * @param insecureFixedDealerSeed INSECURE, for tests that compare two jobs bit for bit: every job is
     *     dealt from this number, which anyone who knows it can recompute every mask and triple from;
     *     empty (the default) in every deployment and in the demo
     */
    JobAttempts(JobService jobs, JobAttemptRepository attempts, JobCheckpointRepository checkpoints,
            ProviderService providers, OrganisationService organisations, AuditTrail audit, Clock clock,
            @Value("${cleave.broker.insecure-fixed-dealer-seed-for-testing:}") String insecureFixedDealerSeed) {
        try {
            this.insecureFixedDealerSeed = insecureFixedDealerSeed == null || insecureFixedDealerSeed.isBlank() ? null
                    : Long.valueOf(insecureFixedDealerSeed.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cleave.broker.insecure-fixed-dealer-seed-for-testing must be a number, "
                    + "found '" + insecureFixedDealerSeed + "'");
        }
        if (this.insecureFixedDealerSeed != null) {
            LOG.warn("INSECURE: cleave.broker.insecure-fixed-dealer-seed-for-testing is set: every job's correlated "
                    + "randomness can be recomputed by anyone who knows the seed. For tests only, never with real data.");
        }
        this.jobs = jobs;
        this.attempts = attempts;
        this.checkpoints = checkpoints;
        this.providers = providers;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The job's current attempt: the first, from the start, for a job that never paused. */
    @Transactional
    public JobAttempt current(String jobId) {
        return attempts.findById(jobId).orElseGet(() -> new JobAttempt(jobId, 1, 0, clock.instant()));
    }

    /** The relay session of the job's current attempt. */
    @Transactional
    public RelaySession session(String jobId) {
        return new RelaySession(jobId, current(jobId).attempt());
    }

    /** Whether a report of {@code attemptField} (0 reads as 1) belongs to the job's current, unpaused attempt. */
    @Transactional
    public boolean isCurrent(String jobId, int attemptField) {
        return jobs.find(jobId).map(job -> !JobState.PAUSED.name().equals(job.state())).orElse(true)
                && Math.max(1, attemptField) == current(jobId).attempt();
    }

    /**
     * The dealer's randomness for the job: a fresh secret root at the first deal, the same one for
     * every later attempt. It lives only in this broker's memory (with it and one compute party's
     * view the data could be recovered, so it is never stored): a job paused across a broker restart
     * cannot resume and fails with this reason.
     *
     * @throws IllegalStateException if the job was dealt before and its randomness is gone
     */
    @Transactional
    public JobRandomness dealerRandomness(String jobId) {
        if (attempts.existsById(jobId)) {
            JobRandomness kept = dealerRoots.get(jobId);
            if (kept == null) {
                throw new IllegalStateException("the dealer's randomness of job " + jobId + " " + RANDOMNESS_GONE);
            }
            return kept;
        }
        JobRandomness fresh = insecureFixedDealerSeed == null ? JobRandomness.resumable()
                : JobRandomness.insecureDeterministicForTesting(insecureFixedDealerSeed);
        attempts.save(new JobAttempt(jobId, 1, 0, clock.instant()));
        dealerRoots.put(jobId, fresh);
        return fresh;
    }

    /** Forgets the dealer's randomness of a job that ended: nothing is dealt for it again. */
    public void forgetDealerRoot(String jobId) {
        dealerRoots.remove(jobId);
    }

    /** A compute party sealed its checkpoint after {@code epoch}; a report of an attempt no longer current is ignored. */
    @Transactional
    public void recordCheckpoint(String jobId, String providerId, int attemptField, int epoch, byte[] commitment) {
        Job job = jobs.requireParty(jobId, providerId);
        if (JobState.valueOf(job.state()).isTerminal() || !isCurrent(jobId, attemptField)) {
            return;
        }
        if (commitment.length != 32 || epoch < 1 || epoch >= job.epochs()) {
            throw FederationException.invalid("a checkpoint report needs a 32-byte commitment and an epoch from 1 to "
                    + (job.epochs() - 1) + ", found " + commitment.length + " bytes and epoch " + epoch);
        }
        String role = computeParty(jobId, providerId).key().role();
        String hex = HexFormat.of().formatHex(commitment);
        JobCheckpoint checkpoint = new JobCheckpoint(new JobCheckpoint.Key(jobId, role), epoch, hex,
                Math.max(1, attemptField), clock.instant());
        if (checkpoints.existsById(checkpoint.key())) {
            checkpoints.update(checkpoint);
        } else {
            checkpoints.save(checkpoint);
        }
        audit.record(new AuditEvent(job.ownerOrg(), "provider:" + providerId, "job.checkpointed", "job", jobId, jobId,
                Map.of("party", role, "epoch", epoch, "checkpoint_commitment", hex, "attempt", checkpoint.attempt())));
    }

    /** RUNNING → PAUSED because {@code providerId}, a compute party, is gone; a job in another state is left alone. */
    @Transactional
    public void pause(String jobId, String providerId) {
        Job job = jobs.locked(jobId);
        if (!JobState.RUNNING.name().equals(job.state())) {
            return;
        }
        JobParty party = computeParty(jobId, providerId);
        int resumeAfter = resumePoint(jobId);
        jobs.transition(job, JobState.PAUSED, describe(party) + " disconnected; the job resumes "
                + (resumeAfter == 0 ? "from its start" : "after epoch " + resumeAfter) + " when it returns",
                "broker", Map.of("party", party.key().role(), "provider", providerId, "attempt",
                        current(jobId).attempt(), "resume_after_epoch", resumeAfter));
    }

    /**
     * PAUSED → RUNNING as the next attempt, from the latest epoch both compute parties checkpointed;
     * PAUSED → FAILED instead if the dealer's randomness is gone (the broker restarted): the next
     * attempt could not be dealt, and its parties would wait for the dealer until they time out.
     */
    @Transactional
    public void resume(String jobId) {
        Job job = jobs.locked(jobId);
        if (!JobState.PAUSED.name().equals(job.state())) {
            return;
        }
        if (!dealerRoots.containsKey(jobId)) {
            jobs.transition(job, JobState.FAILED, "the job cannot resume: the dealer's randomness " + RANDOMNESS_GONE,
                    "broker", Map.of("attempt", current(jobId).attempt()));
            return;
        }
        int resumeAfter = resumePoint(jobId);
        JobAttempt next = current(jobId).next(resumeAfter, clock.instant());
        if (attempts.existsById(jobId)) {
            attempts.update(next);
        } else {
            attempts.save(next);
        }
        jobs.transition(job, JobState.RUNNING, "resumed as attempt " + next.attempt() + " "
                + (resumeAfter == 0 ? "from the start" : "after epoch " + resumeAfter), "broker",
                Map.of("attempt", next.attempt(), "resume_after_epoch", resumeAfter));
    }

    /**
     * The dealer of {@code attempt} failed: the job fails if that attempt is still the current one
     * and the job is under way (scheduled, or running once the parties' first report came); a paused
     * or superseded attempt's dealer was stopped on purpose. One check under the job's lock, so a
     * resume cannot slip between it and the failure.
     */
    @Transactional
    public void dealerFailed(String jobId, int attempt, String reason) {
        Job job = jobs.locked(jobId);
        JobState state = JobState.valueOf(job.state());
        if ((state == JobState.SCHEDULED || state == JobState.RUNNING) && current(jobId).attempt() == attempt) {
            jobs.transition(job, JobState.FAILED, "the dealer failed: " + reason, "broker", Map.of("attempt", attempt));
        }
    }

    /** "provider 'compute-1' of 'compute-b' (party-0)": who a pause or its failure is about. */
    @Transactional
    public String describe(JobParty party) {
        Provider p = providers.byId(party.key().providerId());
        return "provider '" + p.name() + "' of '" + organisations.byId(p.organisationId()).name() + "' ("
                + party.key().role() + ")";
    }

    /** The latest epoch that both compute parties checkpointed (they are at most one epoch apart), or 0. */
    private int resumePoint(String jobId) {
        List<JobCheckpoint> latest = checkpoints.findByKeyJobId(jobId);
        return latest.size() < 2 ? 0 : latest.stream().mapToInt(JobCheckpoint::epoch).min().orElse(0);
    }

    private JobParty computeParty(String jobId, String providerId) {
        return jobs.parties(jobId).stream().filter(p -> p.key().providerId().equals(providerId) && p.datasetId() == null)
                .findFirst().orElseThrow(() -> FederationException.invalid("provider " + providerId
                        + " is not a compute party of job " + jobId));
    }
}
