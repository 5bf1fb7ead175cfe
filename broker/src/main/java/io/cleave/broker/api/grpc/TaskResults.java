package io.cleave.broker.api.grpc;

import io.cleave.broker.job.JobAttempts;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.ShareDelivery;
import io.cleave.mpc.ExCacheStats;
import java.util.Base64;
import io.cleave.protocols.v1.ExCacheProgress;
import io.cleave.protocols.v1.Metrics;
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
    private final ShareDelivery deliveries;
    private final JobAttempts attempts;

    TaskResults(JobService jobs, JsonMapper json, ShareDelivery deliveries, JobAttempts attempts) {
        this.attempts = attempts;
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.json = json;
    }

    /** A result of an attempt that is no longer current (the job paused or resumed since) is dropped. */
    void accept(TaskResult r) {
        if (!attempts.isCurrent(r.getJobId(), (int) r.getAttempt())) {
            return;
        }
        if (r.getSuccess() && r.getSealedSharesCount() > 0) {
            Map<String, String> boxes = new LinkedHashMap<>();
            r.getSealedSharesList().forEach(s -> boxes.put(s.getRecipient(),
                    Base64.getEncoder().encodeToString(s.getSealedBox().toByteArray())));
            deliveries.deliver(r.getJobId(), r.getProviderId(), (int) r.getParty(), r.getShareCommitment().toByteArray(),
                    boxes, resultJson(sharedMetrics(r.getMetrics()), null));
            return;
        }
        if (!r.getSuccess()) {
            jobs.finish(r.getJobId(), r.getProviderId(), false, r.getFailureReason(), null, null);
            return;
        }
        if (!r.hasModel() || r.getModel().getWeightsCount() != r.getModel().getFeaturesCount()) {
            throw new IllegalArgumentException("a successful result needs a model with one weight per feature");
        }
        jobs.finish(r.getJobId(), r.getProviderId(), true, "", resultJson(r), commitment(r));
    }

    /**
     * What a compute party of a SECRET_SHARED job reports of itself: rows, seconds and its ExCache
     * counters (the job keeps those of the party that delivered last). Counts only, nothing of the model.
     */
    private static Map<String, Object> sharedMetrics(Metrics m) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train_rows", m.getTrainRows());
        metrics.put("train_seconds", m.getTrainSeconds());
        if (m.hasExcache()) {
            ExCacheProgress c = m.getExcache();
            double hitRate = ExCacheStats.hitRate(c.getHits(), c.getMisses());
            if (!Double.isNaN(hitRate)) {
                metrics.put("excache_hit_rate", hitRate);
            }
            metrics.put("excache_hits", c.getHits());
            metrics.put("excache_misses", c.getMisses());
            metrics.put("excache_fetched_bytes", c.getFetchedBytes());
            metrics.put("excache_capacity_bytes", c.getCapacityBytes());
        }
        return metrics;
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
        return resultJson(metrics, model);
    }

    private String resultJson(Map<String, Object> metrics, Map<String, Object> model) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("metrics", metrics);
        if (model != null) {
            result.put("model", model);
        }
        try {
            return json.writeValueAsString(result);
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
