package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.broker.config.ControlPlaneConfig;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.protocols.v1.ControlPlaneGrpc;
import io.cleave.protocols.v1.HeartbeatRequest;
import io.cleave.protocols.v1.ProviderKind;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The control plane over a real gRPC channel: refusals become statuses with the refusal's words. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlPlaneGrpcTest implements TestPropertyProvider {
    @Inject
    OrganisationService organisations;
    @Value("${grpc.server.port}")
    int port;
    private ManagedChannel channel;

    @Override
    public Map<String, String> getProperties() {
        try {
            Map<String, String> p = TestDatabases.withKnownGrpcPort(TestDatabases.h2(Files.createTempDirectory(
                    "cleave-grpc-")));
            p.put(ControlPlaneConfig.INSECURE_PLAINTEXT, "true"); // this test is about the messages, not the transport
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ControlPlaneGrpc.ControlPlaneBlockingStub stub() {
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        }
        return ControlPlaneGrpc.newBlockingStub(channel);
    }

    @AfterAll
    void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    private static RegisterProviderRequest.Builder compute(String org) {
        return RegisterProviderRequest.newBuilder().setOrganisation(org).setName("compute-1")
                .setKind(ProviderKind.COMPUTE).setCores(2).setMemoryBytes(1L << 30);
    }

    @Test
    void registerProvider_unknownOrganisation_notFound() {
        var e = assertThrows(StatusRuntimeException.class, () -> stub().registerProvider(compute("ghost").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("unknown organisation 'ghost'", e.getStatus().getDescription());
    }

    @Test
    void registerProvider_memoryWithoutEndpoint_invalidArgument() {
        organisations.create("grpc-data", "admin");
        var request = RegisterProviderRequest.newBuilder().setOrganisation("grpc-data").setName("memory-1")
                .setKind(ProviderKind.MEMORY).build();
        var e = assertThrows(StatusRuntimeException.class, () -> stub().registerProvider(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("a memory provider must give its data plane endpoint as host:port, found ''",
                e.getStatus().getDescription());
    }

    @Test
    void registerThenHeartbeat_sameIdOnReregistration() {
        organisations.create("grpc-compute", "admin");
        String id = stub().registerProvider(compute("grpc-compute").build()).getProviderId();
        assertEquals(id, stub().registerProvider(compute("grpc-compute").build()).getProviderId());
        stub().heartbeat(HeartbeatRequest.newBuilder().setProviderId(id).setFreeCores(1).build());
        var e = assertThrows(StatusRuntimeException.class,
                () -> stub().heartbeat(HeartbeatRequest.newBuilder().setProviderId("nope").build()));
        assertEquals("unknown provider id 'nope'", e.getStatus().getDescription());
    }

    @Test
    void auditLogFollower_verifiesEachNewCheckpointAgainstTheLast() throws Exception {
        stub();
        var follower = new io.cleave.controlplane.AuditLogFollower(channel);
        organisations.create("log-watch-1", "admin");
        long first = awaitVerifiedSizeAbove(follower, 0);
        organisations.create("log-watch-2", "admin");
        organisations.create("log-watch-3", "admin");
        long second = awaitVerifiedSizeAbove(follower, first);
        assertEquals(0, follower.alarms());
        var e = assertThrows(StatusRuntimeException.class, () -> io.cleave.protocols.v1.AuditLogViewGrpc
                .newBlockingStub(channel).consistency(io.cleave.protocols.v1.ConsistencyRequest.newBuilder()
                        .setFromSize(second).setToSize(first).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }

    /** Polls until the verified log is longer than {@code size} (the relay logs records a moment after commit). */
    private static long awaitVerifiedSizeAbove(io.cleave.controlplane.AuditLogFollower follower, long size)
            throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (follower.poll().size() <= size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the audit log did not grow past " + size + " leaves within 30 s");
            }
            Thread.sleep(100);
        }
        return follower.verifiedSize();
    }
}
