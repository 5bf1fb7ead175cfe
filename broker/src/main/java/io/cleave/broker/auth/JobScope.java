package io.cleave.broker.auth;

import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.JobSpec;
import io.cleave.broker.persistence.Job;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which organisations take part in a job, and so may see it: its owner, the owners of its
 * datasets, its recipients, its compute organisations, and the organisations of the providers
 * scheduled for it.
 */
@Singleton
public class JobScope {
    private final JobService jobs;
    private final DatasetService datasets;
    private final ProviderService providers;
    private final OrganisationService organisations;

    public JobScope(JobService jobs, DatasetService datasets, ProviderService providers,
            OrganisationService organisations) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.providers = providers;
        this.organisations = organisations;
    }

    /** Not one transaction: a dataset lookup that fails must not roll back the others. */
    public Set<String> organisations(Job job) {
        JobSpec spec = jobs.spec(job);
        Set<String> names = new TreeSet<>();
        names.add(job.ownerOrg());
        names.addAll(spec.recipients());
        names.addAll(spec.computeOrganisations());
        for (String dataset : spec.datasets()) {
            try {
                names.add(organisations.byId(datasets.resolve(dataset).organisationId()).name());
            } catch (FederationException gone) {
                // A dataset withdrawn since submission names no organisation any more.
            }
        }
        jobs.parties(job.id()).forEach(p -> names.add(
                organisations.byId(providers.byId(p.key().providerId()).organisationId()).name()));
        return names;
    }

    /** Whether the caller may see the job: broker-wide readers always, others when their organisation takes part. */
    public boolean visibleTo(Caller caller, Job job) {
        return caller.readsEverything() || organisations(job).contains(caller.organisation());
    }

    /** Whether {@code subject} names a job the caller may see (so may its audit records be). */
    public boolean isVisibleJob(Caller caller, String subject) {
        try {
            return visibleTo(caller, jobs.byId(subject));
        } catch (FederationException notAJob) {
            return false;
        }
    }

    public void requireRead(Caller caller, Job job) {
        if (!visibleTo(caller, job)) {
            throw caller.denied("read job '" + job.id() + "': its organisation takes no part in it");
        }
    }
}
