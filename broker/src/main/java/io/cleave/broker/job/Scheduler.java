package io.cleave.broker.job;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.Provider;
import io.cleave.federation.JointSpec;
import io.cleave.mpc.Participant;
import io.cleave.protocols.v1.ProtectionMode;
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
    private final ConsentService consents;
    private final AssignmentHub hub;
    private final AssignmentFactory assignments;
    private final AttestedCompute attested;
    private final PartyWatch parties;
    private final BrokerConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Scheduler(JobService jobs, ProviderService providers, DatasetService datasets, OrganisationService organisations,
            AssignmentHub hub, AssignmentFactory assignments, ConsentService consents, AttestedCompute attested,
            PartyWatch parties, BrokerConfig config, Clock clock) {
        this.parties = parties;
        this.consents = consents;
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

    /**
     * One pass: match queued jobs, pause or resume jobs whose parties left or returned, enforce
     * deadlines; run repeatedly by {@link io.cleave.broker.BackgroundWork}.
     */
    public void tick() {
        pass("scheduling", this::scheduleQueued);
        pass("pause and resume", parties::check);
        pass("deadlines", this::enforceDeadlines);
    }

    /** Runs one pass; a failing pass (one bad job) must not stop the others, deadlines above all. */
    private static void pass(String name, Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.warn("Scheduler pass '{}' failed; it runs again shortly", name, e);
        }
    }

    void scheduleQueued() {
        Set<String> busy = busyComputeProviders();
        for (Job job : jobs.inStates(List.of(JobState.AWAITING_CONSENT))) {
            JointSpec spec = jobs.jointSpec(job.id());
            if (!consents.awaited(job.id(), spec).isEmpty()) {
                continue;
            }
            List<JobParty> parties = new ArrayList<>();
            Optional<String> missing = memoryParties(job, spec, parties)
                    .or(() -> computeParties(job, spec, busy, parties));
            if (missing.isPresent()) {
                jobs.waiting(job.id(), "every organisation consented; " + missing.get());
                continue;
            }
            jobs.schedule(job.id(), parties);
            LOG.info("Job {} scheduled on {}", job.id(), parties.stream().map(p -> p.key().role()).toList());
        }
    }

    /** Fills the memory parties of a job, one per dataset in spec order, or says which data holder is missing. */
    private Optional<String> memoryParties(Job job, JointSpec spec, List<JobParty> out) {
        boolean trusted = oneComputeParty(spec);
        for (int i = 0; i < spec.spec().getDatasetsCount(); i++) {
            DatasetRecord d = datasets.resolve(spec.spec().getDatasets(i).getDatasetId());
            Provider holder = providers.byId(d.providerId());
            if (!providers.isAlive(holder) || !hub.isConnected(holder.id())) {
                return Optional.of("waiting for memory provider '" + holder.name() + "' of '"
                        + organisations.byId(holder.organisationId()).name() + "' (offline) which holds dataset '"
                        + d.name() + "'");
            }
            byte[] grant = new byte[32];
            random.nextBytes(grant);
            String role = trusted ? AssignmentFactory.MEMORY_ROLE : Participant.inputParty(i).name();
            out.add(new JobParty(new JobParty.Key(job.id(), holder.id(), role), d.id(), HexFormat.of().formatHex(grant)));
        }
        return Optional.empty();
    }

    /**
     * One free compute provider of each compute organisation the spec names: party 0 and party 1 of
     * a SECRET_SHARED job, the one compute party of a TRUSTED or ENCLAVE job (for ENCLAVE, one with a
     * valid, unexpired attestation).
     */
    private Optional<String> computeParties(Job job, JointSpec spec, Set<String> busy, List<JobParty> out) {
        List<String> organisationsNamed = spec.spec().getComputeOrganisationsList();
        List<Provider> chosen = new ArrayList<>();
        for (String organisation : organisationsNamed) {
            List<Provider> of = providers.compute().stream()
                    .filter(p -> organisations.byId(p.organisationId()).name().equals(organisation)).toList();
            Optional<Provider> free = of.stream().filter(p -> !busy.contains(p.id()) && !chosen.contains(p)
                    && providers.isAlive(p) && hub.isConnected(p.id()) && p.freeCores() > 0
                    && attested.mayRun(spec.spec().getMode().name(), p.id()))
                    .max(Comparator.comparingInt(Provider::freeCores));
            if (free.isEmpty()) {
                return Optional.of("waiting for a free compute provider of '" + organisation + "'"
                        + attested.requirement(spec.spec().getMode().name()) + " (" + of.size()
                        + " registered, " + of.stream().filter(p -> busy.contains(p.id())).count() + " busy)");
            }
            chosen.add(free.get());
        }
        if (!oneComputeParty(spec)) {
            Optional<String> refused = ComputePairing.refusal(chosen);
            if (refused.isPresent()) {
                return refused;
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            String role = oneComputeParty(spec) ? AssignmentFactory.COMPUTE_ROLE
                    : Participant.party(i).name();
            busy.add(chosen.get(i).id());
            out.add(new JobParty(new JobParty.Key(job.id(), chosen.get(i).id(), role), null, null));
        }
        return Optional.empty();
    }

    /** TRUSTED and ENCLAVE jobs run on one compute party that reads the pages; SECRET_SHARED on two. */
    private static boolean oneComputeParty(JointSpec spec) {
        return spec.spec().getMode() == ProtectionMode.TRUSTED || spec.spec().getMode() == ProtectionMode.ENCLAVE;
    }

    private Set<String> busyComputeProviders() {
        Set<String> busy = new HashSet<>();
        for (Job job : jobs.inStates(List.of(JobState.SCHEDULED, JobState.RUNNING, JobState.PAUSED))) {
            jobs.parties(job.id()).stream().filter(p -> p.datasetId() == null)
                    .forEach(p -> busy.add(p.key().providerId()));
        }
        return busy;
    }

    void enforceDeadlines() {
        Instant now = clock.instant();
        for (Job job : jobs.inStates(List.of(JobState.AWAITING_CONSENT, JobState.SCHEDULED, JobState.RUNNING,
                JobState.PAUSED))) {
            long deadline = jobs.spec(job).deadlineMs();
            if (deadline > 0 && now.toEpochMilli() > deadline) {
                jobs.failIfStalled(job.id(), JobState.valueOf(job.state()), java.time.Duration.ZERO,
                        "the job's deadline " + Instant.ofEpochMilli(deadline) + " passed before it completed");
            }
        }
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

    /** After commit: hand new work (a job's first or resumed attempt) to its providers, or tell them a job is over. */
    @TransactionalEventListener
    void onTransition(JobTransitioned event) {
        Job job = jobs.byId(event.jobId());
        boolean resumed = event.from() == JobState.PAUSED && event.to() == JobState.RUNNING;
        for (JobParty party : jobs.parties(job.id())) {
            String provider = party.key().providerId();
            if (event.to() == JobState.SCHEDULED || resumed) {
                hub.push(provider, assignments.forJob(job, provider));
            } else if (event.to().isTerminal()) {
                hub.push(provider, List.of(AssignmentFactory.ended(job.id(), event.reason())));
            }
        }
    }
}
