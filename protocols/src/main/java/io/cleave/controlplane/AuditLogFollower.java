package io.cleave.controlplane;

import io.cleave.protocols.v1.AuditLogViewGrpc;
import io.cleave.protocols.v1.CheckpointRequest;
import io.cleave.protocols.v1.ConsistencyRequest;
import io.cleave.protocols.v1.SignedCheckpoint;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.CheckpointWatcher;
import io.cleave.transparency.NoteVerifierKey;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's check that the broker never rewrites audit history: it fetches each new signed
 * checkpoint and accepts it only if a consistency proof shows it extends the last one (the
 * {@link CheckpointWatcher} raises the alarm otherwise).
 *
 * <p>The log key is taken from the broker on first contact (trust on first use) and pinned for the
 * life of this follower: a later checkpoint under any other key is refused. Thread-safe.
 */
public final class AuditLogFollower implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLogFollower.class);
    private final ManagedChannel channel;
    private CheckpointWatcher watcher;
    private Checkpoint last;

    public AuditLogFollower(ManagedChannel channel) {
        this.channel = channel;
    }

    /**
     * Fetches and checks the latest checkpoint.
     *
     * @return the checkpoint now trusted
     * @throws GeneralSecurityException if it is not validly signed by the pinned key or does not extend the last one
     * @throws IOException if the broker could not be asked; nothing changes
     */
    public synchronized Checkpoint poll() throws GeneralSecurityException, IOException {
        SignedCheckpoint latest = call(() -> stub().latestCheckpoint(CheckpointRequest.getDefaultInstance()));
        if (watcher == null) {
            watcher = new CheckpointWatcher(NoteVerifierKey.parse(latest.getVerifierKey()), this::proof);
        }
        last = watcher.observe(latest.getNote());
        return last;
    }

    /** Like {@link #poll} for a background loop: failures are logged, never thrown. */
    public void pollQuietly() {
        try {
            poll();
        } catch (CheckpointException e) {
            LOG.error("The broker's audit checkpoint is not valid: {}", e.getMessage());
        } catch (GeneralSecurityException e) {
            LOG.error("The broker's audit log failed its consistency check: {}", e.getMessage());
        } catch (IOException e) {
            LOG.warn("Could not fetch the broker's audit checkpoint: {}", e.getMessage());
        }
    }

    /** Alarms raised so far: forks, rewrites or a shrinking log. */
    public synchronized long alarms() {
        return watcher == null ? 0 : watcher.alarms();
    }

    /** Leaves in the last checkpoint that passed the checks; 0 before the first. */
    public synchronized long verifiedSize() {
        return last == null ? 0 : last.size();
    }

    /** The broker's audit log as this provider has verified it: alarms must stay at 0. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("cleave.audit.log.alarms", this, AuditLogFollower::alarms)
                .description("Forks, rewrites or shrinking of the broker's audit log seen by this provider")
                .register(registry);
        Gauge.builder("cleave.audit.log.verified.size", this, AuditLogFollower::verifiedSize)
                .description("Leaves of the last audit checkpoint this provider verified").register(registry);
    }

    private List<byte[]> proof(long fromSize, long toSize) throws IOException {
        return call(() -> stub().consistency(ConsistencyRequest.newBuilder().setFromSize(fromSize).setToSize(toSize)
                .build())).getHashesList().stream().map(h -> h.toByteArray()).toList();
    }

    private AuditLogViewGrpc.AuditLogViewBlockingStub stub() {
        return AuditLogViewGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (StatusRuntimeException e) {
            throw new IOException("audit log request failed: " + e.getStatus().getCode() + " "
                    + e.getStatus().getDescription(), e);
        }
    }
}
