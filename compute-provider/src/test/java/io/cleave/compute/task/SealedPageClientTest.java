package io.cleave.compute.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.attestation.pki.TestFederation;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.SealedChannel;
import io.cleave.dataplane.SealedPageStreams;
import io.cleave.dataplane.SealedTraffic;
import io.cleave.protocols.v1.Column;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.DatasetSchema;
import io.cleave.protocols.v1.DatasetSource;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.SealedEnvelope;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute side refuses a memory provider that is not the one its task names, or whose
 * certificate is revoked or expired, before it sends a single page request. The memory side here is a real
 * gRPC server that answers the handshake with the certificate under test.
 */
class SealedPageClientTest {
    private static final Instant NOW = TestFederation.START;
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final TestFederation federation = new TestFederation("cleave");
    private final List<String> requestsSeen = new ArrayList<>();
    private Server server;

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    @Test
    void fetch_memoryProviderOfAnotherOrganisation_failsWithIdentityMismatch() throws Exception {
        ProviderCredentials compute = credentials(enrol("compute-b"), "compute-1", ProviderKind.COMPUTE);
        ProviderCredentials impostor = credentials(enrol("hospital-x"), "memory-1", ProviderKind.MEMORY);
        assertFetchFails(compute, impostor, "sealed channel to the memory provider of dataset ds-1 failed: peer "
                + "identity mismatch: expected provider 'memory-1' of organisation 'hospital-a', certificate names "
                + "provider 'memory-1' of organisation 'hospital-x'");
    }

    @Test
    void fetch_revokedMemoryProvider_failsWithRevocation() throws Exception {
        ProviderCredentials compute = credentials(enrol("compute-b"), "compute-1", ProviderKind.COMPUTE);
        OrganisationCa hospital = enrol("hospital-a");
        TestFederation.Provider memory = TestFederation.provider(hospital, "memory-1", ProviderKind.MEMORY,
                Duration.ofDays(1));
        hospital.revokeProvider(memory.certificate());
        assertFetchFails(compute, federation.credentials(dir, memory), "sealed channel to the "
                + "memory provider of dataset ds-1 failed: peer certificate rejected: provider certificate revoked: '"
                + memory.certificate().getSubjectX500Principal() + "'");
    }

    @Test
    void fetch_expiredMemoryProviderCertificate_failsWithExpiry() throws Exception {
        ProviderCredentials compute = credentials(enrol("compute-b"), "compute-1", ProviderKind.COMPUTE);
        OrganisationCa hospital = enrol("hospital-a");
        TestFederation.Provider memory = TestFederation.provider(hospital, "memory-1", ProviderKind.MEMORY,
                Duration.ofHours(1));
        assertFetchFails(compute, federation.credentials(dir, memory),
                Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC), "sealed channel to the memory provider of "
                + "dataset ds-1 failed: peer certificate rejected: provider certificate '"
                + memory.certificate().getSubjectX500Principal() + "' expired");
    }

    private void assertFetchFails(ProviderCredentials compute, ProviderCredentials memory, String message)
            throws Exception {
        assertFetchFails(compute, memory, CLOCK, message);
    }

    /** @param computeClock the compute provider's time, at which it validates the memory provider's chain */
    private void assertFetchFails(ProviderCredentials compute, ProviderCredentials memory, Clock computeClock,
            String message) throws Exception {
        server = NettyServerBuilder.forPort(0).addService(new HandshakeOnlyMemoryProvider(memory)).build().start();
        DataPlaneSecurity security = new DataPlaneSecurity(compute, computeClock,
                new SealedTraffic(new SimpleMeterRegistry()));
        PageClient client = new PageClient("job-1", "compute-id", security, federation::encodedCrls, PagePayloads.PLAINTEXT);
        DatasetSource source = DatasetSource.newBuilder().setDatasetId("ds-1")
                .setDataPlaneEndpoint("127.0.0.1:" + server.getPort())
                .setMemoryProviderOrganisation("hospital-a").setMemoryProviderName("memory-1")
                .setSchema(DatasetSchema.newBuilder().addColumns(Column.newBuilder().setName("x"))
                        .addColumns(Column.newBuilder().setName("y").setLabel(true)))
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> client.fetch(source, Partition.TRAIN));
        assertEquals(message, e.getMessage());
        assertEquals(List.of(), requestsSeen, "no page request may leave before the memory provider is proven");
    }

    /** Answers the hello as the given provider would; records any frame, which must never come. */
    private final class HandshakeOnlyMemoryProvider extends DataPlaneGrpc.DataPlaneImplBase {
        private final ProviderCredentials identity;

        HandshakeOnlyMemoryProvider(ProviderCredentials identity) {
            this.identity = identity;
        }

        @Override
        public StreamObserver<SealedEnvelope> sealedPages(StreamObserver<SealedEnvelope> out) {
            SealedChannel channel = SealedPageStreams.server("job-1", identity.localIdentity(),
                    new ExpectedPeer("compute-b", "compute-1"), identity.verifier(CLOCK, federation::encodedCrls));
            return new StreamObserver<>() {
                @Override
                public void onNext(SealedEnvelope envelope) {
                    try {
                        if (envelope.hasFrame()) {
                            requestsSeen.add(envelope.getBodyCase().name());
                        } else if (envelope.hasHandshake()) {
                            out.onNext(SealedPageStreams.handshake(channel.respond(envelope.getHandshake().toByteArray())));
                        }
                    } catch (ChannelException | IllegalStateException e) {
                        requestsSeen.add("handshake failed: " + e.getMessage());
                    }
                }

                @Override
                public void onError(Throwable t) {
                    // the compute side gave up, as it must
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }

    private OrganisationCa enrol(String name) throws Exception {
        return federation.enrol(name);
    }

    private ProviderCredentials credentials(OrganisationCa org, String name, ProviderKind kind) throws Exception {
        return federation.credentials(dir, org, name, kind, Duration.ofDays(1));
    }
}
