package io.cleave.memory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.attestation.pki.TestFederation;
import io.cleave.channel.ChannelMessage;
import io.cleave.channel.ChunkedMessages;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.SealedChannel;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.PageCodec;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.dataplane.SealedPageStreams;
import io.cleave.dataplane.SealedTraffic;
import io.cleave.memory.config.MemoryProviderConfig;
import io.cleave.memory.store.DatasetStore;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.SealedEnvelope;
import io.cleave.protocols.v1.SealedOpen;
import io.cleave.protocols.v1.ServeGrant;
import io.cleave.protocols.v1.TrainingParameters;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The sealed data plane, memory side, over a real socket with federation certificates: the
 * grantee's provider gets exactly the job's rows; a provider of another organisation, a revoked or
 * expired certificate and a channel bound to another job are refused, each for its logged reason.
 */
class SealedPagesTest {
    private static final Instant NOW = TestFederation.START;
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] CAPABILITY = new byte[32];
    private static final String DATASET = "ds-1";
    private static final String GRANTEE_ID = "provider-id-of-compute-1";

    @TempDir
    Path dir;
    private final TestFederation federation = new TestFederation("cleave");
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private OrganisationCa computeOrg;
    private ProviderCredentials memory;
    private Server server;
    private ManagedChannel channel;
    private Dataset raw;
    private GrantBook grants;
    private DatasetStore store;

    @BeforeEach
    void start() throws Exception {
        OrganisationCa memoryOrg = enrol("hospital-a");
        computeOrg = enrol("compute-b");
        memory = credentials(memoryOrg, "memory-1", ProviderKind.MEMORY, Duration.ofDays(1));
        Path file = TestRows.write(dir);
        raw = io.cleave.dataset.CsvDatasetReader.read(file, "y");
        store = new DatasetStore(new MemoryProviderConfig("b:1", "hospital-a", "memory-1", "127.0.0.1", 8,
                List.of("t:y:" + file)));
        store.registered(DATASET, store.all().iterator().next());
        grants = new GrantBook(CLOCK);
        grants.add(ServeGrant.newBuilder().setJobId("job-1").setDatasetId(DATASET).setGranteeProviderId(GRANTEE_ID)
                .setGranteeOrganisation("compute-b").setGranteeName("compute-1")
                .setGrant(ByteString.copyFrom(CAPABILITY)).setExpiresAtMs(NOW.plusSeconds(3600).toEpochMilli())
                .setMode(ProtectionMode.TRUSTED)
                .setParameters(TrainingParameters.newBuilder().setSeed(9).setTestFraction(0.2)).build());
        serveWithClock(CLOCK);
        log.start();
        ((Logger) LoggerFactory.getLogger(SealedPageSession.class)).addAppender(log);
    }

    private void serveWithClock(Clock clock) throws Exception {
        if (server != null) {
            channel.shutdownNow();
            server.shutdownNow();
        }
        DataPlaneSecurity security = new DataPlaneSecurity(memory, clock, federation::encodedCrls, new SealedTraffic(metrics));
        server = NettyServerBuilder.forPort(0).addService(new PageServer(store, grants, metrics, security,
                new EnclaveKeyRelease(grants, "", clock, metrics))).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(SealedPageSession.class)).detachAppender(log);
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void sealedPages_grantee_getsTheJobsTrainRowsAndBytesAreCounted() throws Exception {
        ProviderCredentials compute = credentials(computeOrg, "compute-1", ProviderKind.COMPUTE, Duration.ofDays(1));
        List<PageFrame> frames = fetch(compute, "job-1");
        assertEquals(5, frames.size());
        Dataset expected = Standardization.fit(raw).apply(raw).select(TrainTestSplit.of(50, 0.2, 9).train());
        assertEquals(expected, Dataset.concat(frames.stream().map(f -> PageCodec.decode(f.getPayload().toByteArray(),
                f.getRowCount(), raw.featureNames(), raw.labelName())).toList()));
        for (String direction : List.of("sent", "received")) {
            assertTrue(metrics.get("cleave.sealed.channel").tag("direction", direction).counter().count() > 0, direction);
        }
    }

    @Test
    void sealedPages_providerOfAnotherOrganisation_refusedForIdentityMismatch() throws Exception {
        ProviderCredentials intruder = credentials(enrol("compute-c"), "compute-1", ProviderKind.COMPUTE,
                Duration.ofDays(1));
        assertRefused(intruder, "job-1", "peer identity mismatch: expected provider 'compute-1' of organisation "
                + "'compute-b', certificate names provider 'compute-1' of organisation 'compute-c'");
    }

    @Test
    void sealedPages_revokedCertificate_refusedOnTheNextHandshake() throws Exception {
        TestFederation.Provider provider = TestFederation.provider(computeOrg, "compute-1", ProviderKind.COMPUTE,
                Duration.ofDays(1));
        ProviderCredentials compute = federation.credentials(dir, provider);
        assertEquals(5, fetch(compute, "job-1").size());
        computeOrg.revokeProvider(provider.certificate());
        assertRefused(compute, "job-1", "peer certificate rejected: provider certificate revoked: '"
                + provider.certificate().getSubjectX500Principal() + "'");
    }

    @Test
    void sealedPages_expiredCertificate_refused() throws Exception {
        TestFederation.Provider provider = TestFederation.provider(computeOrg, "compute-1", ProviderKind.COMPUTE,
                Duration.ofHours(1));
        ProviderCredentials compute = federation.credentials(dir, provider);
        serveWithClock(Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertRefused(compute, "job-1", "peer certificate rejected: provider certificate '"
                + provider.certificate().getSubjectX500Principal() + "' expired");
    }

    @Test
    void sealedPages_channelBoundToAnotherJob_refusedForTheJobId() throws Exception {
        ProviderCredentials compute = credentials(computeOrg, "compute-1", ProviderKind.COMPUTE, Duration.ofDays(1));
        assertRefused(compute, "job-2", "wrong job id: peer is bound to job 'job-2', this side to 'job-1'");
    }

    @Test
    void pages_plaintextWhileSealed_refused() throws Exception {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        StreamObserver<PageRequest> requests = DataPlaneGrpc.newStub(channel).pages(new StreamObserver<>() {
            public void onNext(PageFrame f) {
                inbox.add(f);
            }

            public void onError(Throwable t) {
                inbox.add(t);
            }

            public void onCompleted() {
                inbox.add("completed");
            }
        });
        requests.onNext(PageRequest.newBuilder().setJobId("job-1").setDatasetId(DATASET)
                .setRequesterProviderId(GRANTEE_ID).setGrant(ByteString.copyFrom(CAPABILITY))
                .setPartition(Partition.TRAIN).addPageIndices(0).build());
        Status status = Status.fromThrowable((Throwable) inbox.poll(10, TimeUnit.SECONDS));
        assertEquals(Status.Code.PERMISSION_DENIED, status.getCode());
        assertEquals("this memory provider serves pages only through the sealed channel (SealedPages)",
                status.getDescription());
    }

    private void assertRefused(ProviderCredentials compute, String helloJob, String reason) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> fetch(compute, helloJob));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("sealed channel refused", e.getStatus().getDescription());
        assertEquals(List.of("Sealed channel for job job-1 refused: " + reason),
                log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    /** A compute provider's side of SealedPages, opened for job-1, with its channel bound to {@code helloJob}. */
    private List<PageFrame> fetch(ProviderCredentials compute, String helloJob) throws Exception {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        StreamObserver<SealedEnvelope> out = DataPlaneGrpc.newStub(channel).sealedPages(new StreamObserver<>() {
            public void onNext(SealedEnvelope e) {
                inbox.add(e);
            }

            public void onError(Throwable t) {
                inbox.add(t);
            }

            public void onCompleted() {
                inbox.add("completed");
            }
        });
        SealedChannel sealed = SealedPageStreams.requester(helloJob, compute.localIdentity(),
                new ExpectedPeer("hospital-a", "memory-1"), compute.verifier(CLOCK, federation::encodedCrls));
        out.onNext(SealedEnvelope.newBuilder().setOpen(SealedOpen.newBuilder().setJobId("job-1").setDatasetId(DATASET)
                .setRequesterProviderId(GRANTEE_ID)).build());
        out.onNext(SealedPageStreams.handshake(sealed.hello()));
        out.onNext(SealedPageStreams.handshake(sealed.finish(next(inbox).getHandshake().toByteArray())));
        PageRequest request = PageRequest.newBuilder().setJobId("job-1").setDatasetId(DATASET)
                .setRequesterProviderId(GRANTEE_ID).setGrant(ByteString.copyFrom(CAPABILITY))
                .setPartition(Partition.TRAIN).addAllPageIndices(List.of(0, 1, 2, 3, 4)).build();
        for (byte[] frame : ChunkedMessages.seal(sealed, request.toByteArray())) {
            out.onNext(SealedPageStreams.frame(frame));
        }
        ChunkedMessages pages = new ChunkedMessages();
        List<PageFrame> frames = new ArrayList<>();
        while (frames.isEmpty() || !frames.get(frames.size() - 1).getLast()) {
            ChannelMessage message = sealed.receive(next(inbox).getFrame().toByteArray());
            byte[] page = pages.add((ChannelMessage.Data) message);
            if (page != null) {
                frames.add(PageFrame.parseFrom(page));
            }
        }
        out.onNext(SealedPageStreams.frame(sealed.close()));
        out.onCompleted();
        assertEquals("completed", inbox.poll(10, TimeUnit.SECONDS));
        return frames;
    }

    private static SealedEnvelope next(BlockingQueue<Object> inbox) throws Exception {
        Object item = inbox.poll(10, TimeUnit.SECONDS);
        if (item instanceof StatusRuntimeException e) {
            throw e;
        }
        return (SealedEnvelope) item;
    }

    private OrganisationCa enrol(String name) throws Exception {
        return federation.enrol(name);
    }

    private ProviderCredentials credentials(OrganisationCa org, String name, ProviderKind kind, Duration validity)
            throws Exception {
        return federation.credentials(dir, org, name, kind, validity);
    }
}
