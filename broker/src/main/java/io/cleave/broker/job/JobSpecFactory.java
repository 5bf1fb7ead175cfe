package io.cleave.broker.job;

import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.persistence.DatasetRecord;
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
    private final OrganisationService organisations;

    JobSpecFactory(DatasetService datasets, OrganisationService organisations) {
        this.datasets = datasets;
        this.organisations = organisations;
    }

    JobSpec create(JobSubmission s) {
        if (s.owner() == null) {
            throw FederationException.invalid("a job needs an owner organisation");
        }
        organisations.byName(s.owner());
        if (s.datasets() == null || s.datasets().isEmpty()) {
            throw FederationException.invalid("a job needs at least one dataset");
        }
        List<String> datasetIds = resolveDatasets(s.datasets());
        String model = oneOf("model", Objects.requireNonNullElse(s.model(), "LOGISTIC"), "LOGISTIC", "LINEAR");
        String mode = oneOf("mode", Objects.requireNonNullElse(s.mode(), "TRUSTED"), "TRUSTED", "SECRET_SHARED", "ENCLAVE");
        if ("SECRET_SHARED".equals(mode)) {
            throw FederationException.invalid("protection mode " + mode + " is not available on this broker yet; "
                    + "TRUSTED and ENCLAVE jobs run");
        }
        SgdParameters sgd = sgd(s);
        double testFraction = Objects.requireNonNullElse(s.testFraction(), 0.25);
        if (!(testFraction >= 0 && testFraction <= TrainTestSplit.MAX_TEST_FRACTION)) {
            throw FederationException.invalid("test_fraction must be in [0, " + TrainTestSplit.MAX_TEST_FRACTION
                    + "], found " + testFraction);
        }
        int fractionBits = Objects.requireNonNullElse(s.fractionBits(), 16);
        if (fractionBits < MIN_FRACTION_BITS || fractionBits > MAX_FRACTION_BITS) {
            throw FederationException.invalid("fraction_bits must be in [" + MIN_FRACTION_BITS + ", " + MAX_FRACTION_BITS
                    + "], found " + fractionBits);
        }
        List<String> recipients = s.recipients() == null || s.recipients().isEmpty() ? List.of(s.owner())
                : List.copyOf(new LinkedHashSet<>(s.recipients()));
        recipients.forEach(organisations::byName);
        String name = s.name() == null || s.name().isBlank() ? "job" : s.name().strip();
        if (name.length() > 128) {
            throw FederationException.invalid("job name must be at most 128 characters");
        }
        return new JobSpec(JobSpec.VERSION, name, s.owner(), datasetIds, model, mode, sgd.epochs(), sgd.batchSize(),
                sgd.learningRate(), sgd.l2(), Objects.requireNonNullElse(s.seed(), 1L), testFraction, fractionBits,
                Boolean.TRUE.equals(s.openLoss()), recipients);
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
