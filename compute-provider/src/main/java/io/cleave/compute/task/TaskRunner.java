package io.cleave.compute.task;

import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.compute.checkpoint.CheckpointStore;
import io.cleave.compute.config.ComputeProviderConfig;
import io.cleave.compute.attest.WorkloadAttestor;
import io.cleave.compute.cache.ExCacheMetrics;
import io.cleave.compute.config.ComputeTlsConfig;
import io.cleave.controlplane.BrokerSession;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.federation.JointSpec;
import io.cleave.protocols.v1.ProgressReport;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.nio.file.Path;
import java.time.Clock;
import io.cleave.protocols.v1.TaskResult;
import io.cleave.protocols.v1.TrainTask;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs assigned tasks one at a time on a worker thread. A task assigned again (after a reconnect)
 * is not started twice; a task whose job ended is interrupted and its checkpoints deleted. A task
 * is one attempt of a job: a job that paused and resumed comes back as a new attempt.
 */
@Singleton
public final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "task-worker"));
    private final Map<TaskKey, Future<?>> tasks = new ConcurrentHashMap<>();
    /** Jobs whose result is on its way: the broker's "job ended" may overtake the reply and must not interrupt it. */
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final AtomicLong stepsDone = new AtomicLong();
    private final DataPlaneSecurity dataPlane;
    private final WorkloadAttestor attestor;

    private final ComputeTlsConfig tls;
    private final Clock clock;
    private final CheckpointStore checkpoints;

    private final ExCacheMetrics excache;

    /** @throws GeneralSecurityException if the state directory's checkpoint key exists but is unusable */
    TaskRunner(MeterRegistry metrics, DataPlaneSecurity dataPlane, WorkloadAttestor attestor, ComputeTlsConfig tls,
            Clock clock, ComputeProviderConfig config, ExCacheMetrics excache) throws GeneralSecurityException {
        this.checkpoints = new CheckpointStore(Path.of(config.stateDir()));
        this.excache = excache;
        this.tls = tls;
        this.clock = clock;
        this.metrics = metrics;
        this.dataPlane = dataPlane;
        this.attestor = attestor;
        Gauge.builder("cleave.training.steps", stepsDone, AtomicLong::get)
                .description("Mini-batch steps done by the task in progress (or the last one)").register(metrics);
    }

    /** A task: one attempt of one job. */
    private record TaskKey(String jobId, int attempt) {
    }

    public boolean busy() {
        return tasks.values().stream().anyMatch(f -> !f.isDone());
    }

    public void submit(TrainTask task, BrokerSession session) {
        int attempt = Math.max(1, task.getJoint().getAttempt());
        // The survivor of a pause still runs the old attempt until its relay times out; the single
        // worker would start the new attempt only then.
        stop(task.getJobId(), older -> older < attempt, "it resumed as attempt " + attempt);
        tasks.computeIfAbsent(new TaskKey(task.getJobId(), attempt), id -> worker.submit(() -> run(task, session)));
    }

    public void ended(String jobId, String reason) {
        stop(jobId, any -> true, reason);
        // On the worker, after the stopped task: a task still writing a checkpoint must not outlive the delete.
        worker.submit(() -> {
            try {
                checkpoints.deleteJob(jobId);
            } catch (UncheckedIOException e) {
                LOG.warn("Could not delete the checkpoints of job {}: {}", jobId, e.getMessage());
            }
        });
    }

    /** Interrupts the unfinished tasks of the job's attempts that {@code which} selects, unless delivering. */
    private void stop(String jobId, IntPredicate which, String reason) {
        tasks.forEach((key, f) -> {
            if (key.jobId().equals(jobId) && which.test(key.attempt()) && !f.isDone() && !delivering.contains(jobId)) {
                LOG.info("Job {} ({}): stopping its attempt {}", jobId, reason, key.attempt());
                f.cancel(true);
            }
        });
    }

    private void run(TrainTask task, BrokerSession session) {
        try (var ignored = MDC.putCloseable("job_id", task.getJobId())) {
            runTask(task, session);
        }
    }

    private void runTask(TrainTask task, BrokerSession session) {
        LOG.info("Starting job {} ({}, {})", task.getJobId(), task.getMode(), task.getModel());
        TaskResult result;
        try {
            JointSpec spec = consentedSpec(task);
            Consumer<ProgressReport> progress = r -> {
                stepsDone.set(r.getStep());
                if (session.stub().reportProgress(r).getCancelled()) {
                    throw new IllegalStateException("the job was cancelled");
                }
            };
            Function<PagePayloads, PageClient> pages = payloads -> new PageClient(task.getJobId(),
                    session.providerId(), dataPlane, session::currentCrls, payloads);
            result = switch (task.getMode()) {
                case TRUSTED -> new TrustedTraining(task, session.providerId(), pages.apply(PagePayloads.PLAINTEXT),
                        progress).run();
                case ENCLAVE -> new EnclaveTraining(task, session, attestor, pages, progress).run();
                case SECRET_SHARED -> new SecretSharedTraining(task, spec, session.providerId(), credentials(), clock,
                        session.channel(), progress, checkpoints, excache).run();
                default -> throw new IllegalArgumentException("this compute provider runs TRUSTED, ENCLAVE and "
                        + "SECRET_SHARED tasks, not " + task.getMode());
            };
        } catch (RuntimeException | GeneralSecurityException e) {
            LOG.warn("Job {} failed: {}", task.getJobId(), e.getMessage());
            result = TaskResult.newBuilder().setJobId(task.getJobId()).setProviderId(session.providerId())
                    .setSuccess(false).setFailureReason(String.valueOf(e.getMessage()))
                    .setAttempt(task.getJoint().getAttempt()).build();
        }
        metrics.counter("cleave.tasks", "outcome", result.getSuccess() ? "completed" : "failed").increment();
        delivering.add(task.getJobId());
        Thread.interrupted(); // a cancellation that came in meanwhile must not abort the report itself
        try {
            session.stub().reportResult(result);
            LOG.info("Job {} finished: {}", task.getJobId(), result.getSuccess() ? "model delivered" : "failed");
        } catch (StatusRuntimeException e) {
            LOG.error("Could not deliver the result of job {}: {}", task.getJobId(), e.getStatus());
        } finally {
            delivering.remove(task.getJobId());
        }
    }

    /**
     * The spec this task was handed, once this provider checked its own organisation's signature
     * over it and that the task is the one the spec describes.
     */
    private JointSpec consentedSpec(TrainTask task) throws GeneralSecurityException {
        if (!task.hasJoint()) {
            throw new GeneralSecurityException("the task carries no signed job spec: refusing to compute");
        }
        JointSpec spec = JointSpec.parse(task.getJoint().getJobSpec().toByteArray());
        credentials().requireConsent(spec, task.getJoint().getConsentSignature().toByteArray());
        if (!spec.describes(task.getJobId(), task.getMode(), task.getParameters())) {
            throw new GeneralSecurityException("the task differs from the job spec its organisation approved");
        }
        return spec;
    }

    private ProviderCredentials credentials() {
        ControlPlaneTls files = tls.files();
        if (files == null) {
            throw new IllegalStateException("joint jobs need this provider's certificate files (cleave.compute.tls.*) "
                    + "to check consent and seal its channels");
        }
        return ProviderCredentials.load(files);
    }

    @PreDestroy
    void close() {
        worker.shutdownNow();
    }
}
