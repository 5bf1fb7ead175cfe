package io.cleave.compute.task;

import com.google.protobuf.ByteString;
import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.compute.checkpoint.CheckpointStore;
import io.cleave.compute.cache.ExCacheMetrics;
import io.cleave.crypto.SealedBox;
import io.cleave.federation.JointSpec;
import io.cleave.federation.ModelDelivery;
import io.cleave.mpc.ComputeParty;
import io.cleave.mpc.Participant;
import io.cleave.mpc.SecureJobSpec;
import io.cleave.mpc.TrainingCheckpoint;
import io.cleave.mpc.WeightShare;
import io.cleave.protocols.v1.ExCacheProgress;
import io.cleave.protocols.v1.Metrics;
import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.SealedShare;
import io.cleave.protocols.v1.TaskResult;
import io.cleave.protocols.v1.TrainTask;
import io.cleave.relay.RelayTransport;
import io.grpc.ManagedChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * A SECRET_SHARED task: this provider is compute party 0 or 1 of the two-party engine, talking to
 * the other party, the data owners and the broker's dealer through the relay over sealed channels.
 * It sees only uniformly random shares and masked openings (and, if the spec declares it, the
 * per-epoch loss); its result is its weight share sealed to each recipient, never the model. The
 * public {@code E = X − A} comes from the data owners block by block into this provider's ExCache
 * (sized by {@code cleave.compute.excache-size}), whose counters party 0 reports with its progress.
 *
 * <p>After each epoch it seals a checkpoint of its shares to this provider's disk and reports the
 * epoch and a commitment to the broker; an attempt that resumes a paused job starts from the
 * checkpoint of the epoch its assignment names.
 */
final class SecretSharedTraining {
    /** How long a handshake or one frame may take before the job fails. */
    static final Duration RELAY_TIMEOUT = Duration.ofMinutes(2);
    private final TrainTask task;
    private final JointSpec spec;
    private final String providerId;
    private final ProviderCredentials credentials;
    private final Clock clock;
    private final ManagedChannel broker;
    private final Consumer<ProgressReport> progress;
    private final CheckpointStore checkpoints;
    private final ExCacheMetrics excache;

    SecretSharedTraining(TrainTask task, JointSpec spec, String providerId, ProviderCredentials credentials,
            Clock clock, ManagedChannel broker, Consumer<ProgressReport> progress, CheckpointStore checkpoints,
            ExCacheMetrics excache) {
        this.checkpoints = checkpoints;
        this.excache = excache;
        this.clock = clock;
        this.task = task;
        this.spec = spec;
        this.providerId = providerId;
        this.credentials = credentials;
        this.broker = broker;
        this.progress = progress;
    }

    TaskResult run() throws GeneralSecurityException {
        Participant self = new Participant(task.getJoint().getParticipant());
        int party = Participant.PARTY_0.equals(self) ? 0 : Participant.PARTY_1.equals(self) ? 1 : -1;
        if (party < 0) {
            throw new IllegalArgumentException("a compute provider is party-0 or party-1, not " + self.name());
        }
        var recipients = credentials.recipients(spec, task.getJoint().getRecipientsList(), clock);
        SecureJobSpec engine = spec.secureJobSpec();
        long start = System.nanoTime();
        int resumeAfter = task.getJoint().getResumeAfterEpoch();
        TrainingCheckpoint resumeFrom = resumeAfter > 0
                ? checkpoints.read(task.getJobId(), spec.hashHex(), party, resumeAfter) : null;
        WeightShare share;
        Optional<ExCacheProgress> excacheTotals;
        try (RelayTransport transport = RelayTransport.open(broker, RelayTransport.settingsFor(task.getJobId(),
                task.getJoint(), credentials.localIdentity(), credentials.relayVerifiers(clock), RELAY_TIMEOUT))) {
            ComputeParty computeParty = new ComputeParty(party, engine, transport, excache.settings());
            if (resumeFrom != null) {
                computeParty.resumeFrom(resumeFrom);
            }
            if (party == 0) {
                long perEpoch = engine.sgd().stepsPerEpoch(engine.rows());
                progress.accept(report(resumeAfter, resumeAfter * perEpoch, engine.sgd().epochs() * perEpoch,
                        OptionalDouble.empty()));
            }
            ExCacheMetrics.Task cache = excache.startTask();
            share = computeParty.run((epoch, epochs, step, steps, loss) -> {
                Optional<ExCacheProgress> cached = computeParty.cacheStats().map(cache::update);
                if (party == 0) {
                    ProgressReport.Builder r = report(epoch, step, steps,
                            engine.openEpochLoss() ? OptionalDouble.of(loss) : OptionalDouble.empty())
                            .toBuilder();
                    cached.ifPresent(r::setExcache);
                    progress.accept(r.build());
                }
            }, checkpoint -> progress.accept(checkpointed(spec, checkpoint)));
            excacheTotals = computeParty.cacheStats().map(cache::update);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelDelivery.Delivery delivery = ModelDelivery.seal(task.getJobId(), share, recipients, new SecureRandom());
        TaskResult.Builder result = TaskResult.newBuilder().setJobId(task.getJobId()).setProviderId(providerId)
                .setSuccess(true).setParty(party).setAttempt(task.getJoint().getAttempt())
                .setShareCommitment(ByteString.copyFrom(delivery.commitment()))
                .setMetrics(Metrics.newBuilder().setTrainRows(engine.rows()).setTrainSeconds(seconds));
        excacheTotals.ifPresent(result.getMetricsBuilder()::setExcache);
        for (Map.Entry<String, SealedBox> box : delivery.boxes().entrySet()) {
            result.addSealedShares(SealedShare.newBuilder().setRecipient(box.getKey())
                    .setSealedBox(ByteString.copyFrom(box.getValue().encode())));
        }
        return result.build();
    }

    private ProgressReport report(int epoch, long step, long steps, OptionalDouble loss) {
        return ProgressReports.of(task, providerId, epoch, step, steps, loss).toBuilder()
                .setAttempt(task.getJoint().getAttempt()).build();
    }

    /** Seals the checkpoint to disk, then tells the broker which epoch this party can resume from. */
    private ProgressReport checkpointed(JointSpec spec, TrainingCheckpoint checkpoint) {
        byte[] commitment;
        try {
            commitment = checkpoints.write(task.getJobId(), spec.hashHex(), checkpoint);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing the checkpoint of epoch " + checkpoint.epoch() + " failed: "
                    + e.getMessage(), e);
        }
        return ProgressReport.newBuilder().setJobId(task.getJobId()).setProviderId(providerId)
                .setAttempt(task.getJoint().getAttempt()).setCheckpointEpoch(checkpoint.epoch())
                .setCheckpointCommitment(ByteString.copyFrom(commitment)).build();
    }
}
