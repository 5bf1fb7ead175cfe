package io.cleave.controlplane;

import com.google.protobuf.ByteString;
import io.cleave.protocols.v1.Assignment;
import io.cleave.protocols.v1.AssignmentsRequest;
import io.cleave.protocols.v1.ControlPlaneGrpc;
import io.cleave.protocols.v1.CurrentCrlsRequest;
import io.cleave.protocols.v1.HeartbeatRequest;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.cleave.protocols.v1.RegisterProviderResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's standing connection to the broker: registration, heartbeats with free capacity,
 * and the assignment stream, each re-established after the broker or the network comes back.
 *
 * <p>Call order: {@link #start} once, then {@link #stub} for reports, {@link #close} at the end.
 * Assignments reach the handler on a gRPC thread, one at a time.
 */
public final class BrokerSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSession.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** How often a provider checks that the broker's audit history only grew. */
    public static final Duration AUDIT_LOG_CHECK_INTERVAL = Duration.ofSeconds(10);
    private final ManagedChannel channel;
    private final RegisterProviderRequest registration;
    private final Supplier<Capacity> capacity;
    private final Consumer<Assignment> handler;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "broker-session");
        t.setDaemon(true);
        return t;
    });
    private volatile String providerId;
    private volatile RegisterProviderResponse registered;
    private volatile Runnable attestationRequested = () -> { };
    private volatile boolean closed;

    /** Free resources a provider reports with each heartbeat. */
    public record Capacity(int freeCores, long freeMemoryBytes) {
    }

    public BrokerSession(ManagedChannel channel, RegisterProviderRequest registration, Supplier<Capacity> capacity,
            Consumer<Assignment> handler) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.capacity = Objects.requireNonNull(capacity, "capacity");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Registers, waiting for the broker as long as {@code patience} allows, then keeps heartbeats and
     * the assignment stream going in the background.
     *
     * @return the provider id the broker assigned
     * @throws StatusRuntimeException if the broker refuses the registration (unknown organisation, bad request)
     * @throws IllegalStateException if the broker cannot be reached within {@code patience}
     */
    public String start(Duration patience) {
        if (providerId != null) {
            throw new IllegalStateException("start() was called already");
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                var response = ControlPlaneGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .registerProvider(registration);
                registered = response;
                providerId = response.getProviderId();
                long interval = Math.max(200, response.getHeartbeatIntervalMs());
                timer.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
                openAssignments();
                LOG.info("Registered with the broker as {} provider '{}' of '{}' (id {})", registration.getKind(),
                        registration.getName(), registration.getOrganisation(), providerId);
                return providerId;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE
                        && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker at " + channel.authority() + " did not answer within "
                            + patience.toSeconds() + " s", e);
                }
                sleep(RETRY);
            }
        }
    }

    public String providerId() {
        if (providerId == null) {
            throw new IllegalStateException("not registered yet: call start() first");
        }
        return providerId;
    }

    /** The broker's answer to the registration: the provider id, its attestation key and verdict. */
    public RegisterProviderResponse registration() {
        if (registered == null) {
            throw new IllegalStateException("not registered yet: call start() first");
        }
        return registered;
    }

    /**
     * Starts checking the broker's audit log every {@link #AUDIT_LOG_CHECK_INTERVAL} (the first check
     * at once) and returns the follower, a meter binder the caller publishes with its metrics.
     */
    public AuditLogFollower followAuditLog() {
        AuditLogFollower follower = new AuditLogFollower(channel);
        timer.scheduleWithFixedDelay(follower::pollQuietly, 0, AUDIT_LOG_CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return follower;
    }

    /** The channel to the broker, for the relay of joint jobs (the same mutual TLS). */
    public ManagedChannel channel() {
        return channel;
    }

    /**
     * What to do when a heartbeat answer asks for a fresh attestation; runs on the session's timer
     * thread, so it should hand long work to a thread of its own.
     */
    public void onAttestationRequested(Runnable action) {
        attestationRequested = Objects.requireNonNull(action, "action");
    }

    /** A blocking stub with a deadline, for reports. */
    public ControlPlaneGrpc.ControlPlaneBlockingStub stub() {
        return ControlPlaneGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /**
     * The federation's current CRLs (DER), fetched now, for validating data-plane peers. Empty when
     * the broker cannot be reached: validation then fails closed as "revocation status unknown".
     */
    public List<byte[]> currentCrls() {
        try {
            return stub().currentCrls(CurrentCrlsRequest.getDefaultInstance()).getCrlsList().stream()
                    .map(ByteString::toByteArray).toList();
        } catch (StatusRuntimeException e) {
            LOG.warn("Could not fetch the current CRLs from the broker ({}: {})", e.getStatus().getCode(),
                    e.getStatus().getDescription());
            return List.of();
        }
    }

    private void heartbeat() {
        Capacity c = capacity.get();
        try {
            var answer = stub().heartbeat(HeartbeatRequest.newBuilder().setProviderId(providerId)
                    .setFreeCores(c.freeCores()).setFreeMemoryBytes(c.freeMemoryBytes()).build());
            if (answer.getAttestationRequested()) {
                attestationRequested.run();
            }
        } catch (StatusRuntimeException e) {
            LOG.warn("Heartbeat to the broker failed ({}); retrying", e.getStatus().getCode());
        }
    }

    private void openAssignments() {
        if (closed) {
            return;
        }
        ControlPlaneGrpc.newStub(channel).assignments(AssignmentsRequest.newBuilder().setProviderId(providerId).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(Assignment a) {
                        try {
                            handler.accept(a);
                        } catch (RuntimeException e) {
                            LOG.error("Handling an assignment failed", e);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (!closed) {
                            Status status = Status.fromThrowable(t);
                            LOG.warn("Assignment stream broke ({}: {}); reconnecting", status.getCode(),
                                    status.getDescription());
                            timer.schedule(BrokerSession.this::openAssignments, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    }

                    @Override
                    public void onCompleted() {
                        onError(Status.UNAVAILABLE.withDescription("closed by the broker").asRuntimeException());
                    }
                });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        channel.shutdownNow();
    }
}
