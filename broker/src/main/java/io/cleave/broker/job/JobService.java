package io.cleave.broker.job;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.JobPartyRepository;
import io.cleave.broker.persistence.JobProgress;
import io.cleave.broker.persistence.JobProgressRepository;
import io.cleave.broker.persistence.JobRepository;
import io.cleave.broker.persistence.JobSpecBytes;
import io.cleave.broker.persistence.JobSpecBytesRepository;
import io.cleave.federation.JointSpec;
import io.cleave.protocols.v1.ExCacheProgress;
import java.util.Base64;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The job state machine in the database: each transition is one transaction with its audit record.
 */
@Singleton
public class JobService {
    private final JobRepository jobs;
    private final JobPartyRepository parties;
    private final JobProgressRepository progress;
    private final JobSpecBytesRepository specBytes;
    private final JobSpecFactory specs;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher<JobTransitioned> events;

    JobService(JobRepository jobs, JobPartyRepository parties, JobProgressRepository progress,
            JobSpecBytesRepository specBytes, JobSpecFactory specs, AuditTrail audit, JsonMapper json, Clock clock,
            ApplicationEventPublisher<JobTransitioned> events) {
        this.specBytes = specBytes;
        this.events = events;
        this.jobs = jobs;
        this.parties = parties;
        this.progress = progress;
        this.specs = specs;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Validates and stores a job with its canonical spec, then asks every organisation whose data or
     * CPUs it uses for consent. Nothing is written if the submission is refused.
     */
    @Transactional
    public Job submit(JobSubmission submission, String actor) {
        Instant now = clock.instant();
        JobSpec spec = specs.create(submission, now);
        String id = UUID.randomUUID().toString();
        JointSpec canonical = specs.canonical(id, spec);
        Job job = jobs.save(new Job(id, spec.name(), spec.owner(), write(spec), canonical.hashHex(), spec.mode(),
                JobState.SUBMITTED.name(), "submitted", 0, spec.epochs(), 0, 0, null, null, now, now));
        specBytes.save(new JobSpecBytes(id, Base64.getEncoder().encodeToString(canonical.canonical())));
        audit.record(new AuditEvent(spec.owner(), actor, "job.submitted", "job", id, id,
                Map.of("name", spec.name(), "mode", spec.mode(), "model", spec.model(), "spec_hash", job.specHash(),
                        "datasets", spec.datasets())));
        List<String> consenting = canonical.consentingOrganisations();
        return transition(job, JobState.AWAITING_CONSENT, "awaiting consent from " + String.join(", ", consenting),
                "broker", Map.of("consent_from", consenting));
    }

    /** The exact spec bytes the organisations sign the hash of. */
    @Transactional
    public JointSpec jointSpec(String jobId) {
        return findJointSpec(jobId).orElseThrow(() -> FederationException.notFound("job '" + jobId
                + "' has no stored spec"));
    }

    /** The canonical spec, absent for a job stored without one (written before specs were canonical). */
    @Transactional
    public java.util.Optional<JointSpec> findJointSpec(String jobId) {
        return specBytes.findById(jobId).map(b -> JointSpec.parse(Base64.getDecoder().decode(b.canonical())));
    }

    @Transactional
    public Job byId(String id) {
        return jobs.findById(id).orElseThrow(() -> FederationException.notFound("unknown job '" + id + "'"));
    }

    @Transactional
    public java.util.Optional<Job> find(String id) {
        return jobs.findById(id);
    }

    @Transactional
    public List<Job> list() {
        return jobs.listOrderBySubmittedAtDesc();
    }

    @Transactional
    public List<Job> inStates(List<JobState> states) {
        return jobs.findByStateInListOrderBySubmittedAt(states.stream().map(Enum::name).toList());
    }

    @Transactional
    public List<JobParty> parties(String jobId) {
        return parties.findByKeyJobId(jobId);
    }

    @Transactional
    public List<JobProgress> progress(String jobId) {
        return progress.findByKeyJobIdOrderByKeyEpoch(jobId);
    }

    public JobSpec spec(Job job) {
        try {
            return json.readValue(job.specJson(), JobSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored spec of job " + job.id() + " is unreadable", e);
        }
    }

    /**
     * Assigns the job's parties and moves it to SCHEDULED, unless it left AWAITING_CONSENT meanwhile
     * (e.g. cancelled).
     */
    @Transactional
    public Job schedule(String jobId, List<JobParty> assigned) {
        Job job = locked(jobId);
        if (!JobState.AWAITING_CONSENT.name().equals(job.state())) {
            return job;
        }
        assigned.forEach(parties::save);
        Map<String, Object> details = new HashMap<>();
        details.put("parties", assigned.stream().map(p -> p.key().role() + ":" + p.key().providerId()).toList());
        return transition(job, JobState.SCHEDULED, "assigned to its providers", "broker", details);
    }

    /** Notes that a job waits, and why, without changing its state. */
    @Transactional
    public void waiting(String jobId, String reason) {
        Job job = locked(jobId);
        if (JobState.AWAITING_CONSENT.name().equals(job.state())) {
            note(job, reason);
        }
    }

    /**
     * A progress report from the job's compute provider; the first one starts the job; a paused job
     * ignores it. {@code excache} is the reporting party's ExCache counters, or null when its task has none.
     */
    @Transactional
    public Job reportProgress(String jobId, String providerId, int epoch, long step, long steps, @Nullable Double loss,
            @Nullable ExCacheProgress excache) {
        Job job = requireParty(jobId, providerId);
        JobState state = JobState.valueOf(job.state());
        if (!state.takesPartyReports()) {
            return job;
        }
        if (state == JobState.SCHEDULED) {
            job = transition(job, JobState.RUNNING, "training", "provider:" + providerId, Map.of());
        }
        Instant now = clock.instant();
        job = jobs.update(job.withProgress(epoch, step, steps, now));
        if (epoch > 0 && progress.findById(new JobProgress.Key(jobId, epoch)).isEmpty()) {
            boolean openLoss = spec(job).openLoss() && loss != null;
            // A diverged run's loss (NaN, ±∞) is no JSON number: the epoch is kept, its loss said in words.
            Double shownLoss = openLoss && Double.isFinite(loss) ? loss : null;
            progress.save(new JobProgress(new JobProgress.Key(jobId, epoch), step, shownLoss, now,
                    excache == null ? null : excache.getHits(), excache == null ? null : excache.getMisses(),
                    excache == null ? null : excache.getFetchedBytes()));
            Map<String, Object> details = new HashMap<>(Map.of("epoch", epoch, "epochs", job.epochs()));
            if (openLoss) {
                details.put("loss", shownLoss != null ? shownLoss : "not finite (" + loss + ")");
            }
            audit.record(new AuditEvent(job.ownerOrg(), "provider:" + providerId, "job.epoch_finished", "job", jobId,
                    jobId, details));
        }
        return job;
    }

    /** The task's end: stores the result and its commitment, or fails the job with the provider's reason. */
    @Transactional
    public Job finish(String jobId, String providerId, boolean success, String failureReason, String resultJson,
            String modelCommitment) {
        Job job = requireParty(jobId, providerId);
        if (!JobState.valueOf(job.state()).takesPartyReports()) {
            return job;
        }
        if (!success) {
            return transition(job, JobState.FAILED, "compute provider failed: " + failureReason, "provider:" + providerId,
                    Map.of());
        }
        if (JobState.valueOf(job.state()) == JobState.SCHEDULED) {
            job = transition(job, JobState.RUNNING, "training", "provider:" + providerId, Map.of());
        }
        job = jobs.update(job.withResult(resultJson, modelCommitment, clock.instant()));
        return transition(job, JobState.COMPLETED, "model delivered", "provider:" + providerId,
                Map.of("model_commitment", modelCommitment));
    }

    /**
     * Fails a job that is still in {@code state} and has not changed for {@code deadline}: the check
     * and the failure happen under the job's lock, so a job that just moved on is left alone.
     */
    @Transactional
    public void failIfStalled(String jobId, JobState state, Duration deadline, String reason) {
        Job job = locked(jobId);
        if (state.name().equals(job.state()) && job.updatedAt().plus(deadline).isBefore(clock.instant())) {
            transition(job, JobState.FAILED, reason, "broker", Map.of());
        }
    }

    @Transactional
    public Job cancel(String jobId, String actor) {
        Job job = locked(jobId);
        if (JobState.valueOf(job.state()).isTerminal()) {
            throw FederationException.conflict("job " + jobId + " already ended as " + job.state());
        }
        return transition(job, JobState.CANCELLED, "cancelled by " + actor, actor, Map.of());
    }

    /** Stores a job's result and model commitment. */
    Job store(Job job, String resultJson, String modelCommitment) {
        return jobs.update(job.withResult(resultJson, modelCommitment, clock.instant()));
    }

    /** Updates the reason a job gives for its state, without changing the state. */
    Job note(Job job, String reason) {
        return reason.equals(job.stateReason()) ? job : jobs.update(job.withState(job.state(), reason, clock.instant()));
    }

    Job locked(String id) {
        return jobs.lockById(id).orElseThrow(() -> FederationException.notFound("unknown job '" + id + "'"));
    }

    Job requireParty(String jobId, String providerId) {
        Job job = locked(jobId);
        boolean party = parties.findByKeyJobId(jobId).stream()
                .anyMatch(p -> p.key().providerId().equals(providerId) && p.datasetId() == null);
        if (!party) {
            throw FederationException.invalid("provider " + providerId + " is not a compute party of job " + jobId);
        }
        return job;
    }

    Job transition(Job job, JobState target, String reason, String actor, Map<String, Object> extra) {
        JobState from = JobState.valueOf(job.state());
        from.transitionTo(target);
        Job updated = jobs.update(job.withState(target.name(), reason, clock.instant()));
        Map<String, Object> details = new HashMap<>(extra);
        details.put("from", from.name());
        details.put("reason", reason);
        audit.record(new AuditEvent(job.ownerOrg(), actor, "job." + target.name().toLowerCase(java.util.Locale.ROOT),
                "job", job.id(), job.id(), details));
        events.publishEvent(new JobTransitioned(job.id(), from, target, reason));
        return updated;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
