package io.cleave.broker.api.grpc;

import io.cleave.broker.job.JobService;
import io.cleave.protocols.v1.TaskResult;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores the end of a task. The model commitment is SHA-256 of the model's protobuf encoding, so
 * a recipient can check that the model it holds is the one the audit log names.
 */
@Singleton
final class TaskResults {
    private final JobService jobs;
    private final JsonMapper json;

    TaskResults(JobService jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    void accept(TaskResult r) {
        if (!r.getSuccess()) {
            jobs.finish(r.getJobId(), r.getProviderId(), false, r.getFailureReason(), null, null);
            return;
        }
        if (!r.hasModel() || r.getModel().getWeightsCount() != r.getModel().getFeaturesCount()) {
            throw new IllegalArgumentException("a successful result needs a model with one weight per feature");
        }
        jobs.finish(r.getJobId(), r.getProviderId(), true, "", resultJson(r), commitment(r));
    }

    private String resultJson(TaskResult r) {
        var m = r.getMetrics();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train_rows", m.getTrainRows());
        metrics.put("test_rows", m.getTestRows());
        putFinite(metrics, "accuracy", m.getAccuracy());
        putFinite(metrics, "auc", m.getAuc());
        putFinite(metrics, "r2", m.getR2());
        putFinite(metrics, "rmse", m.getRmse());
        putFinite(metrics, "train_seconds", m.getTrainSeconds());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("kind", r.getModel().getKind().name());
        model.put("features", r.getModel().getFeaturesList());
        model.put("weights", r.getModel().getWeightsList());
        model.put("bias", r.getModel().getBias());
        try {
            return json.writeValueAsString(Map.of("metrics", metrics, "model", model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON has no NaN: a metric that does not apply to the model is left out. */
    private static void putFinite(Map<String, Object> metrics, String name, double value) {
        if (Double.isFinite(value)) {
            metrics.put(name, value);
        }
    }

    private static String commitment(TaskResult r) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.getModel().toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
