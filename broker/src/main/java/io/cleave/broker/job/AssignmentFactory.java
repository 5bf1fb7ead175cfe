package io.cleave.broker.job;

import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.Provider;
import io.cleave.protocols.v1.Assignment;
import io.cleave.protocols.v1.Column;
import io.cleave.protocols.v1.DatasetSchema;
import io.cleave.protocols.v1.DatasetSource;
import io.cleave.protocols.v1.JobEnded;
import io.cleave.protocols.v1.ModelKind;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.ServeGrant;
import io.cleave.protocols.v1.TrainTask;
import io.cleave.protocols.v1.TrainingParameters;
import com.google.protobuf.ByteString;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Derives the assignments of a job's parties from the stored job, so they can be re-sent at any time. */
@Singleton
class AssignmentFactory {
    static final String COMPUTE_ROLE = "compute";
    static final String MEMORY_ROLE = "memory";
    private static final Duration GRANT_LIFETIME = Duration.ofHours(24);
    private final JobService jobs;
    private final DatasetService datasets;
    private final ProviderService providers;
    private final OrganisationService organisations;

    AssignmentFactory(JobService jobs, DatasetService datasets, ProviderService providers,
            OrganisationService organisations) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.providers = providers;
        this.organisations = organisations;
    }

    /** Assignments of every job in SCHEDULED or RUNNING in which the provider has a part. */
    @Transactional
    List<Assignment> pendingFor(String providerId) {
        List<Assignment> out = new ArrayList<>();
        for (Job job : jobs.inStates(List.of(JobState.SCHEDULED, JobState.RUNNING))) {
            out.addAll(forJob(job, providerId));
        }
        return out;
    }

    /** The assignments of one job that go to one provider. */
    @Transactional
    List<Assignment> forJob(Job job, String providerId) {
        JobSpec spec = jobs.spec(job);
        List<JobParty> parties = jobs.parties(job.id());
        List<Assignment> out = new ArrayList<>();
        for (JobParty party : parties) {
            if (!party.key().providerId().equals(providerId)) {
                continue;
            }
            if (COMPUTE_ROLE.equals(party.key().role())) {
                out.add(Assignment.newBuilder().setTrain(trainTask(job, spec, parties)).build());
            } else {
                out.add(Assignment.newBuilder().setServe(serveGrant(job, spec, party, parties)).build());
            }
        }
        return out;
    }

    static Assignment ended(String jobId, String reason) {
        return Assignment.newBuilder().setEnded(JobEnded.newBuilder().setJobId(jobId).setReason(reason)).build();
    }

    private TrainTask trainTask(Job job, JobSpec spec, List<JobParty> parties) {
        TrainTask.Builder task = TrainTask.newBuilder().setJobId(job.id())
                .setMode(ProtectionMode.valueOf(spec.mode())).setModel(ModelKind.valueOf(spec.model()))
                .setParameters(parameters(spec));
        for (JobParty memory : parties) {
            if (!MEMORY_ROLE.equals(memory.key().role())) {
                continue;
            }
            DatasetRecord d = datasets.resolve(memory.datasetId());
            Provider provider = providers.byId(memory.key().providerId());
            task.addDatasets(DatasetSource.newBuilder().setDatasetId(d.id()).setMemoryProviderId(provider.id())
                    .setDataPlaneEndpoint(provider.dataPlaneEndpoint()).setRowCount(d.rowCount())
                    .setRowsPerPage(d.rowsPerPage()).setPageCount(d.pageCount()).setSchema(schema(datasets.schema(d)))
                    .setGrant(grant(memory))
                    .setMemoryProviderOrganisation(organisations.byId(provider.organisationId()).name())
                    .setMemoryProviderName(provider.name()));
        }
        return task.build();
    }

    private ServeGrant serveGrant(Job job, JobSpec spec, JobParty memory, List<JobParty> parties) {
        Provider compute = providers.byId(parties.stream().filter(p -> COMPUTE_ROLE.equals(p.key().role())).findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + job.id() + " has no compute party"))
                .key().providerId());
        return ServeGrant.newBuilder().setJobId(job.id()).setDatasetId(memory.datasetId())
                .setGranteeProviderId(compute.id()).setGrant(grant(memory))
                .setGranteeOrganisation(organisations.byId(compute.organisationId()).name())
                .setGranteeName(compute.name())
                .setExpiresAtMs(job.submittedAt().plus(GRANT_LIFETIME).toEpochMilli())
                .setParameters(parameters(spec)).setMode(ProtectionMode.valueOf(spec.mode())).build();
    }

    private static ByteString grant(JobParty memory) {
        return ByteString.copyFrom(HexFormat.of().parseHex(memory.grantToken()));
    }

    private static TrainingParameters parameters(JobSpec spec) {
        return TrainingParameters.newBuilder().setEpochs(spec.epochs()).setBatchSize(spec.batchSize())
                .setLearningRate(spec.learningRate()).setL2(spec.l2()).setSeed(spec.seed())
                .setTestFraction(spec.testFraction()).setFractionBits(spec.fractionBits()).build();
    }

    private static DatasetSchema schema(SchemaView view) {
        DatasetSchema.Builder b = DatasetSchema.newBuilder();
        for (SchemaView.ColumnView c : view.columns()) {
            b.addColumns(Column.newBuilder().setName(c.name()).setLabel(c.label()).setMean(c.mean()).setStd(c.std()));
        }
        return b.build();
    }
}
