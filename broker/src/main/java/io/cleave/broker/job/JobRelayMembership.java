package io.cleave.broker.job;

import io.cleave.attestation.pki.ProviderIdentity;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.Provider;
import io.cleave.broker.relay.RelayMembership;
import io.cleave.broker.relay.RelayRefused;
import io.cleave.relay.RelaySession;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A caller may join a job's relay only as the participant the job assigned to its provider, only
 * while the job is scheduled or running, and only in the relay session of its current attempt.
 */
@Singleton
final class JobRelayMembership implements RelayMembership {
    private final JobService jobs;
    private final ProviderService providers;
    private final OrganisationService organisations;
    private final JobAttempts attempts;

    JobRelayMembership(JobService jobs, ProviderService providers, OrganisationService organisations,
            JobAttempts attempts) {
        this.attempts = attempts;
        this.jobs = jobs;
        this.providers = providers;
        this.organisations = organisations;
    }

    @Override
    public void requireParticipant(String sessionId, String participant, @Nullable ProviderIdentity caller) {
        RelaySession session;
        try {
            session = RelaySession.parse(sessionId);
        } catch (IllegalArgumentException e) {
            throw new RelayRefused(e.getMessage());
        }
        String jobId = session.jobId();
        Job job = jobs.find(jobId).orElseThrow(() -> new RelayRefused("unknown job '" + jobId + "'"));
        if (!List.of(JobState.SCHEDULED.name(), JobState.RUNNING.name()).contains(job.state())) {
            throw new RelayRefused("job " + jobId + " is " + job.state() + ", not running");
        }
        int current = attempts.current(jobId).attempt();
        if (session.attempt() != current) {
            throw new RelayRefused("relay session '" + sessionId + "' is attempt " + session.attempt() + " of job "
                    + jobId + "; the current attempt is " + current);
        }
        JobParty party = jobs.parties(jobId).stream().filter(p -> p.key().role().equals(participant)).findFirst()
                .orElseThrow(() -> new RelayRefused("job " + jobId + " has no participant " + participant));
        if (caller == null) {
            return;
        }
        Provider assigned = providers.byId(party.key().providerId());
        String organisation = organisations.byId(assigned.organisationId()).name();
        if (!organisation.equals(caller.organisation()) || !assigned.name().equals(caller.provider())) {
            throw new RelayRefused("caller " + caller.organisation() + "/" + caller.provider() + " is not " + participant
                    + " of job " + jobId);
        }
    }
}
