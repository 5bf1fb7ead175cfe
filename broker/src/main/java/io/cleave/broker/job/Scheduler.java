package io.cleave.broker.job;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.Provider;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches queued jobs with providers, enforces each phase's deadline, and tells providers about
 * their work once the transaction that assigned it has committed.
 */
@Singleton
public class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private final JobService jobs;
    private final ProviderService providers;
    private final DatasetService datasets;
    private final OrganisationService organisations;
    private final AssignmentHub hub;
    private final AssignmentFactory assignments;
    private final AttestedCompute attested;
    private final BrokerConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Scheduler(JobService jobs, ProviderService providers, DatasetService datasets, OrganisationService organisations,
            AssignmentHub hub, AssignmentFactory assignments, AttestedCompute attested, BrokerConfig config, Clock clock) {
        this.attested = attested;
        this.jobs = jobs;
        this.providers = providers;
        this.datasets = datasets;
        this.organisations = organisations;
        this.hub = hub;
        this.assignments = assignments;
        this.config = config;
        this.clock = clock;
    }

    /** One pass: match queued jobs, enforce deadlines; run repeatedly by {@link io.cleave.broker.BackgroundWork}. */
    public void tick() {
        try {
            scheduleQueued();
            enforceDeadlines();
        } catch (RuntimeException e) {
            LOG.warn("Scheduler pass failed; it runs again shortly", e);
        }
    }

    void scheduleQueued() {
        Set<String> busy = busyComputeProviders();
        for (Job job : jobs.inStates(List.of(JobState.SUBMITTED))) {
            List<JobParty> memoryParties = new ArrayList<>();
            Optional<String> missing = memoryParties(job, memoryParties);
            if (missing.isPresent()) {
                jobs.waiting(job.id(), missing.get());
                continue;
            }
            Optional<Provider> compute = chooseCompute(busy, job);
            if (compute.isEmpty()) {
                jobs.waiting(job.id(), "waiting for a free compute provider" + attested.requirement(jobs.spec(job).mode())
                        + " (" + providers.compute().size()
                        + " registered, " + busy.size() + " busy)");
                continue;
            }
            busy.add(compute.get().id());
            List<JobParty> parties = new ArrayList<>(memoryParties);
            parties.add(new JobParty(new JobParty.Key(job.id(), compute.get().id(), AssignmentFactory.COMPUTE_ROLE),
                    null, null));
            jobs.schedule(job.id(), parties);
            LOG.info("Job {} scheduled on compute provider {}", job.id(), compute.get().name());
        }
    }

    /** Fills the memory parties of a job, or says which data holder is missing. */
    private Optional<String> memoryParties(Job job, List<JobParty> out) {
        for (String datasetId : jobs.spec(job).datasets()) {
            DatasetRecord d = datasets.resolve(datasetId);
            Provider holder = providers.byId(d.providerId());
            if (!providers.isAlive(holder) || !hub.isConnected(holder.id())) {
                return Optional.of("waiting for memory provider '" + holder.name() + "' of '"
                        + organisations.byId(holder.organisationId()).name() + "' (offline) which holds dataset '"
                        + d.name() + "'");
            }
            byte[] grant = new byte[32];
            random.nextBytes(grant);
            out.add(new JobParty(new JobParty.Key(job.id(), holder.id(), AssignmentFactory.MEMORY_ROLE), d.id(),
                    HexFormat.of().formatHex(grant)));
        }
        return Optional.empty();
    }

    private Optional<Provider> chooseCompute(Set<String> busy, Job job) {
        return providers.compute().stream()
                .filter(p -> !busy.contains(p.id()) && providers.isAlive(p) && hub.isConnected(p.id())
                        && p.freeCores() > 0 && attested.mayRun(jobs.spec(job).mode(), p.id()))
                .max(Comparator.comparingInt(Provider::freeCores));
    }

    private Set<String> busyComputeProviders() {
        Set<String> busy = new HashSet<>();
        for (Job job : jobs.inStates(List.of(JobState.SCHEDULED, JobState.RUNNING))) {
            jobs.parties(job.id()).stream().filter(p -> AssignmentFactory.COMPUTE_ROLE.equals(p.key().role()))
                    .forEach(p -> busy.add(p.key().providerId()));
        }
        return busy;
    }

    void enforceDeadlines() {
        Instant now = clock.instant();
        for (Job job : jobs.inStates(List.of(JobState.SCHEDULED))) {
            if (job.updatedAt().plus(config.startTimeout()).isBefore(now)) {
                jobs.failIfStalled(job.id(), JobState.SCHEDULED, config.startTimeout(),
                        "the compute provider did not start the job within " + config.startTimeout().toSeconds() + " s");
            }
        }
        for (Job job : jobs.inStates(List.of(JobState.RUNNING))) {
            if (job.updatedAt().plus(config.progressTimeout()).isBefore(now)) {
                jobs.failIfStalled(job.id(), JobState.RUNNING, config.progressTimeout(),
                        "no progress from the compute provider for " + config.progressTimeout().toSeconds() + " s");
            }
        }
    }

    /** After commit: hand new work to its providers, or tell them a job is over. */
    @TransactionalEventListener
    void onTransition(JobTransitioned event) {
        Job job = jobs.byId(event.jobId());
        for (JobParty party : jobs.parties(job.id())) {
            String provider = party.key().providerId();
            if (event.to() == JobState.SCHEDULED) {
                hub.push(provider, assignments.forJob(job, provider));
            } else if (event.to().isTerminal()) {
                hub.push(provider, List.of(AssignmentFactory.ended(job.id(), event.reason())));
            }
        }
    }
}
