package io.cleave.broker.job;

import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.OrganisationKeyRepository;
import io.cleave.federation.JointSpec;
import io.cleave.mpc.FixedPoint;
import io.cleave.protocols.v1.ModelKind;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.SpecDataset;
import io.cleave.protocols.v1.TrainingParameters;
import java.time.Duration;
import java.time.Instant;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.training.SgdParameters;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/** Turns a submission into a validated {@link JobSpec}, or refuses it saying what is wrong. */
@Singleton
final class JobSpecFactory {
    static final int MIN_FRACTION_BITS = 8;
    static final int MAX_FRACTION_BITS = 30;
    private final DatasetService datasets;
    static final int MAX_DEADLINE_MINUTES = 7 * 24 * 60;
    private final OrganisationService organisations;
    private final OrganisationKeyRepository keys;

    JobSpecFactory(DatasetService datasets, OrganisationService organisations, OrganisationKeyRepository keys) {
        this.datasets = datasets;
        this.organisations = organisations;
        this.keys = keys;
    }

    JobSpec create(JobSubmission s, Instant now) {
        if (s.owner() == null) {
            throw FederationException.invalid("a job needs an owner organisation");
        }
        organisations.byName(s.owner());
        if (s.datasets() == null || s.datasets().isEmpty()) {
            throw FederationException.invalid("a job needs at least one dataset");
        }
        List<String> datasetIds = resolveDatasets(s.datasets());
        String model = oneOf("model", Objects.requireNonNullElse(s.model(), "LOGISTIC"), "LOGISTIC", "LINEAR");
        String mode = oneOf("mode", Objects.requireNonNullElse(s.mode(), "SECRET_SHARED"), "SECRET_SHARED", "TRUSTED",
                "ENCLAVE");
        SgdParameters sgd = sgd(s);
        double testFraction = Objects.requireNonNullElse(s.testFraction(), 0.25);
        if (!(testFraction >= 0 && testFraction <= TrainTestSplit.MAX_TEST_FRACTION)) {
            throw FederationException.invalid("test_fraction must be in [0, " + TrainTestSplit.MAX_TEST_FRACTION
                    + "], found " + testFraction);
        }
        int fractionBits = Objects.requireNonNullElse(s.fractionBits(), 16);
        int maxBits = "SECRET_SHARED".equals(mode) ? FixedPoint.MAX_FRACTION_BITS : MAX_FRACTION_BITS;
        if (fractionBits < MIN_FRACTION_BITS || fractionBits > maxBits) {
            throw FederationException.invalid("fraction_bits must be in [" + MIN_FRACTION_BITS + ", " + maxBits
                    + "], found " + fractionBits);
        }
        List<String> recipients = s.recipients() == null || s.recipients().isEmpty() ? List.of(s.owner())
                : List.copyOf(new LinkedHashSet<>(s.recipients()));
        for (String recipient : recipients) {
            requireOrganisation("recipient", recipient);
            if ("SECRET_SHARED".equals(mode) && keys.findById(recipient).isEmpty()) {
                throw FederationException.invalid("recipient organisation '" + recipient + "' has published no HPKE "
                        + "key for results (cleave org enroll publishes one)");
            }
        }
        List<String> compute = computeOrganisations(mode, s.computeOrganisations());
        int deadlineMinutes = Objects.requireNonNullElse(s.deadlineMinutes(), 60);
        if (deadlineMinutes < 1 || deadlineMinutes > MAX_DEADLINE_MINUTES) {
            throw FederationException.invalid("deadline_minutes must be in [1, " + MAX_DEADLINE_MINUTES + "], found "
                    + deadlineMinutes);
        }
        String name = s.name() == null || s.name().isBlank() ? "job" : s.name().strip();
        if (name.length() > 128) {
            throw FederationException.invalid("job name must be at most 128 characters");
        }
        return new JobSpec(JobSpec.VERSION, name, s.owner(), datasetIds, model, mode, sgd.epochs(), sgd.batchSize(),
                sgd.learningRate(), sgd.l2(), Objects.requireNonNullElse(s.seed(), 1L), testFraction, fractionBits,
                Boolean.TRUE.equals(s.openLoss()), recipients, compute,
                now.plus(Duration.ofMinutes(deadlineMinutes)).toEpochMilli());
    }

    /** The canonical spec of job {@code jobId} (jobspec.proto): what the organisations sign the hash of. */
    JointSpec canonical(String jobId, JobSpec spec) {
        io.cleave.protocols.v1.JobSpec.Builder b = io.cleave.protocols.v1.JobSpec.newBuilder()
                .setSpecVersion(JointSpec.VERSION).setJobId(jobId).setName(spec.name()).setOwner(spec.owner())
                .setModel(ModelKind.valueOf(spec.model())).setMode(ProtectionMode.valueOf(spec.mode()))
                .setParameters(TrainingParameters.newBuilder().setEpochs(spec.epochs()).setBatchSize(spec.batchSize())
                        .setLearningRate(spec.learningRate()).setL2(spec.l2()).setSeed(spec.seed())
                        .setTestFraction(spec.testFraction()).setFractionBits(spec.fractionBits()))
                .setOpenEpochLoss(spec.openLoss()).addAllRecipients(spec.recipients())
                .addAllComputeOrganisations(spec.computeOrganisations()).setDeadlineMs(spec.deadlineMs());
        for (String id : spec.datasets()) {
            DatasetRecord d = datasets.resolve(id);
            b.addDatasets(SpecDataset.newBuilder().setDatasetId(d.id())
                    .setOrganisation(organisations.byId(d.organisationId()).name()).setName(d.name())
                    .setRowCount(d.rowCount()).addAllColumns(columnNames(datasets.schema(d))));
        }
        return JointSpec.of(b.build());
    }

    /** SECRET_SHARED: two different organisations (the parties must not collude); TRUSTED and ENCLAVE: one. */
    private List<String> computeOrganisations(String mode, List<String> named) {
        int needed = "SECRET_SHARED".equals(mode) ? 2 : 1;
        if (named == null || named.size() != needed) {
            throw FederationException.invalid("compute_organisations must name " + (needed == 2
                    ? "two organisations (party 0, party 1) for a SECRET_SHARED job"
                    : "one organisation for a " + mode + " job") + ", found " + (named == null ? "none" : named));
        }
        if (needed == 2 && named.get(0).equals(named.get(1))) {
            throw FederationException.invalid("the two compute parties of a SECRET_SHARED job must belong to different "
                    + "organisations, found " + named.get(0) + " twice");
        }
        named.forEach(o -> requireOrganisation("compute", o));
        return List.copyOf(named);
    }

    private void requireOrganisation(String role, String name) {
        try {
            organisations.byName(name);
        } catch (FederationException e) {
            throw FederationException.invalid("unknown " + role + " organisation '" + name + "'");
        }
    }

    private List<String> resolveDatasets(List<String> references) {
        List<String> ids = new ArrayList<>();
        SchemaView first = null;
        for (String reference : references) {
            DatasetRecord d = datasets.resolve(reference);
            SchemaView schema = datasets.schema(d);
            if (first != null && !columnNames(first).equals(columnNames(schema))) {
                throw FederationException.invalid("dataset '" + reference + "' has columns " + columnNames(schema)
                        + ", unlike the first dataset's " + columnNames(first));
            }
            first = first == null ? schema : first;
            if (ids.contains(d.id())) {
                throw FederationException.invalid("dataset '" + reference + "' is named twice");
            }
            ids.add(d.id());
        }
        return ids;
    }

    private static List<String> columnNames(SchemaView schema) {
        return schema.columns().stream().map(SchemaView.ColumnView::name).toList();
    }

    private static SgdParameters sgd(JobSubmission s) {
        try {
            return new SgdParameters(Objects.requireNonNullElse(s.epochs(), 10),
                    Objects.requireNonNullElse(s.batchSize(), 32), Objects.requireNonNullElse(s.learningRate(), 0.1),
                    Objects.requireNonNullElse(s.l2(), 0.0));
        } catch (IllegalArgumentException e) {
            throw FederationException.invalid(e.getMessage());
        }
    }

    private static String oneOf(String field, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw FederationException.invalid(field + " must be one of " + String.join(", ", allowed) + ", found '" + value
                + "'");
    }
}
