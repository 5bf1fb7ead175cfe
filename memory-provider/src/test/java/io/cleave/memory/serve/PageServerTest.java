package io.cleave.memory.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.PageCodec;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.memory.config.MemoryProviderConfig;
import io.cleave.memory.store.DatasetStore;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.ServeGrant;
import io.cleave.protocols.v1.TrainingParameters;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data plane over a real socket: granted pages hold exactly the job's rows; everything else is refused. */
class PageServerTest {
    private static final byte[] CAPABILITY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    @TempDir
    Path dir;
    private Server server;
    private ManagedChannel channel;
    private GrantBook grants;
    private Dataset raw;
    private String datasetId;

    @BeforeEach
    void start() throws Exception {
        Path file = TestRows.write(dir);
        raw = io.cleave.dataset.CsvDatasetReader.read(file, "y");
        DatasetStore store = new DatasetStore(new MemoryProviderConfig("b:1", "org", "m", "127.0.0.1", 8,
                List.of("t:y:" + file)));
        datasetId = "ds-1";
        store.registered(datasetId, store.all().iterator().next());
        grants = new GrantBook(Clock.fixed(NOW, ZoneOffset.UTC));
        var metrics = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        DataPlaneSecurity plaintext = new DataPlaneSecurity(null, Clock.fixed(NOW, ZoneOffset.UTC), List::of,
                new io.cleave.dataplane.SealedTraffic(metrics));
        server = NettyServerBuilder.forPort(0).addService(new PageServer(store, grants, metrics, plaintext,
                new EnclaveKeyRelease(grants, "", Clock.fixed(NOW, ZoneOffset.UTC), metrics))).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private void grant(ProtectionMode mode, Instant expires) {
        grants.add(ServeGrant.newBuilder().setJobId("job-1").setDatasetId(datasetId).setGranteeProviderId("compute-1")
                .setGrant(ByteString.copyFrom(CAPABILITY)).setExpiresAtMs(expires.toEpochMilli()).setMode(mode)
                .setParameters(TrainingParameters.newBuilder().setSeed(9).setTestFraction(0.2)).build());
    }

    private List<PageFrame> fetch(String requester, byte[] capability, Partition partition, Integer... pages)
            throws Exception {
        return DataPlaneCalls.fetch(channel, PageRequest.newBuilder().setJobId("job-1").setDatasetId(datasetId)
                .setRequesterProviderId(requester).setGrant(ByteString.copyFrom(capability)).setPartition(partition)
                .addAllPageIndices(List.of(pages).stream().map(Integer::intValue).toList()).build());
    }

    private static Status statusOf(Exception e) {
        return Status.fromThrowable(((ExecutionException) e).getCause());
    }

    @Test
    void pages_granted_holdTheJobsTrainRowsInOrder() throws Exception {
        grant(ProtectionMode.TRUSTED, NOW.plusSeconds(60));
        List<PageFrame> frames = fetch("compute-1", CAPABILITY, Partition.TRAIN, 0, 1, 2, 3, 4);
        assertEquals(5, frames.size());
        assertEquals(5, frames.get(0).getPageCount());
        List<Dataset> decoded = frames.stream().map(f -> PageCodec.decode(f.getPayload().toByteArray(), f.getRowCount(),
                raw.featureNames(), raw.labelName())).toList();
        Dataset expected = Standardization.fit(raw).apply(raw).select(TrainTestSplit.of(50, 0.2, 9).train());
        assertEquals(expected, Dataset.concat(decoded));
    }

    @Test
    void pages_wrongCapability_permissionDenied() {
        grant(ProtectionMode.TRUSTED, NOW.plusSeconds(60));
        byte[] wrong = CAPABILITY.clone();
        wrong[31] = 1;
        var e = assertThrows(ExecutionException.class, () -> fetch("compute-1", wrong, Partition.TRAIN, 0));
        assertEquals(Status.Code.PERMISSION_DENIED, statusOf(e).getCode());
        assertEquals("the grant for job job-1 does not match the requester", statusOf(e).getDescription());
    }

    @Test
    void pages_otherRequester_permissionDenied() {
        grant(ProtectionMode.TRUSTED, NOW.plusSeconds(60));
        var e = assertThrows(ExecutionException.class, () -> fetch("intruder", CAPABILITY, Partition.TRAIN, 0));
        assertEquals("the grant for job job-1 does not match the requester", statusOf(e).getDescription());
    }

    @Test
    void pages_noGrant_permissionDenied() {
        var e = assertThrows(ExecutionException.class, () -> fetch("compute-1", CAPABILITY, Partition.TRAIN, 0));
        assertEquals("no grant for job job-1 on dataset ds-1", statusOf(e).getDescription());
    }

    @Test
    void pages_expiredGrant_permissionDenied() {
        grant(ProtectionMode.TRUSTED, NOW.minusSeconds(1));
        var e = assertThrows(ExecutionException.class, () -> fetch("compute-1", CAPABILITY, Partition.TEST, 0));
        assertEquals("the grant for job job-1 has expired", statusOf(e).getDescription());
    }

    @Test
    void pages_secretSharedJob_neverGetsPlaintext() {
        grant(ProtectionMode.SECRET_SHARED, NOW.plusSeconds(60));
        var e = assertThrows(ExecutionException.class, () -> fetch("compute-1", CAPABILITY, Partition.TRAIN, 0));
        assertEquals("job job-1 is SECRET_SHARED; plaintext pages are served to TRUSTED jobs only",
                statusOf(e).getDescription());
    }

    @Test
    void pages_endedJob_grantRevoked() {
        grant(ProtectionMode.TRUSTED, NOW.plusSeconds(60));
        grants.endJob("job-1");
        var e = assertThrows(ExecutionException.class, () -> fetch("compute-1", CAPABILITY, Partition.TRAIN, 0));
        assertEquals("no grant for job job-1 on dataset ds-1", statusOf(e).getDescription());
    }

    @Test
    void pages_outOfRange_invalidArgument() {
        grant(ProtectionMode.TRUSTED, NOW.plusSeconds(60));
        var e = assertThrows(ExecutionException.class, () -> fetch("compute-1", CAPABILITY, Partition.TEST, 7));
        assertEquals(Status.Code.INVALID_ARGUMENT, statusOf(e).getCode());
        assertEquals("page 7 is out of range: the TEST partition has 2 pages", statusOf(e).getDescription());
    }

    @Test
    void pages_partitionsAreDisjoint() throws Exception {
        grant(ProtectionMode.TRUSTED, NOW.plusSeconds(60));
        int train = fetch("compute-1", CAPABILITY, Partition.TRAIN, 0, 1, 2, 3, 4).stream()
                .mapToInt(PageFrame::getRowCount).sum();
        int test = fetch("compute-1", CAPABILITY, Partition.TEST, 0, 1).stream().mapToInt(PageFrame::getRowCount).sum();
        assertArrayEquals(new int[] {40, 10}, new int[] {train, test});
    }
}
