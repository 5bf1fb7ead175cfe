package io.cleave.memory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.VerifiedClaims;
import io.cleave.attestation.result.AttestationResult;
import io.cleave.attestation.result.AttestationResultSigner;
import io.cleave.crypto.DataKey;
import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.HpkeSuite;
import io.cleave.crypto.SealedBox;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.PageCodec;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.enclave.EnclaveLabels;
import io.cleave.memory.config.MemoryProviderConfig;
import io.cleave.memory.store.DatasetStore;
import io.cleave.protocols.v1.DataKeyRequest;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.PayloadEncoding;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.ServeGrant;
import io.cleave.protocols.v1.TrainingParameters;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ENCLAVE key release over a real socket: the data key reaches only a workload whose broker-signed
 * result passes this organisation's policy and binds the workload key; pages open only with it.
 */
class EnclaveKeyReleaseTest {
    private static final byte[] CAPABILITY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Measurement TRUSTED_WORKLOAD = measurement(1);
    private static final Measurement OTHER_WORKLOAD = measurement(2);
    @TempDir
    Path dir;
    private final SigningKeyPair broker = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    private final AttestationResultSigner results = new AttestationResultSigner(broker.signer(), "k1");
    private final HpkeKeyPair workload = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private Server server;
    private ManagedChannel channel;
    private Dataset raw;

    @BeforeEach
    void start() throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i * 3 % 5).append(',').append(i % 2).append('\n');
        }
        Path data = dir.resolve("t.csv");
        Files.writeString(data, csv);
        raw = io.cleave.dataset.CsvDatasetReader.read(data, "y");
        DatasetStore store = new DatasetStore(new MemoryProviderConfig("b:1", "hospital-a", "m", "127.0.0.1", 8,
                List.of("t:y:" + data)));
        store.registered("ds-1", store.all().iterator().next());
        Path policy = dir.resolve("enclave-policy.properties");
        Files.writeString(policy, "evidence-types = SEV_SNP, SOFTWARE\n"
                + "allow-software-evidence-without-hardware-isolation = true\n"
                + "measurements = " + TRUSTED_WORKLOAD.hex() + "\n");
        GrantBook grants = new GrantBook(Clock.fixed(NOW, ZoneOffset.UTC));
        grants.add(ServeGrant.newBuilder().setJobId("job-1").setDatasetId("ds-1").setGranteeProviderId("compute-1")
                .setGrant(ByteString.copyFrom(CAPABILITY)).setExpiresAtMs(NOW.plusSeconds(600).toEpochMilli())
                .setMode(ProtectionMode.ENCLAVE)
                .setParameters(TrainingParameters.newBuilder().setSeed(3).setTestFraction(0.25)).build());
        EnclaveKeyRelease enclave = new EnclaveKeyRelease(grants, policy.toString(), Clock.fixed(NOW, ZoneOffset.UTC),
                metrics);
        enclave.trustBrokerResultKey(broker.publicKey());
        DataPlaneSecurity plaintext = new DataPlaneSecurity(null, Clock.fixed(NOW, ZoneOffset.UTC), List::of,
                new io.cleave.dataplane.SealedTraffic(metrics));
        server = NettyServerBuilder.forPort(0).addService(new PageServer(store, grants, metrics, plaintext, enclave))
                .build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void release_attestedWorkloadInPolicy_getsTheKeyThatOpensTheSealedPages() throws Exception {
        DataKey key = DataKey.unwrap(workload, EnclaveLabels.dataKeyInfo("job-1", "ds-1"),
                SealedBox.decode(release(result(TRUSTED_WORKLOAD, "compute-1", "job-1", NOW)).toByteArray()));
        List<PageFrame> frames = DataPlaneCalls.fetch(channel, PageRequest.newBuilder().setJobId("job-1")
                .setDatasetId("ds-1").setRequesterProviderId("compute-1").setGrant(ByteString.copyFrom(CAPABILITY))
                .setPartition(Partition.TRAIN).addAllPageIndices(List.of(0, 1, 2, 3)).build());
        Dataset expected = Standardization.fit(raw).apply(raw).select(TrainTestSplit.of(40, 0.25, 3).train());
        List<Dataset> opened = new java.util.ArrayList<>();
        for (PageFrame f : frames) {
            assertEquals(PayloadEncoding.AES_256_GCM_F64_ROWS, f.getEncoding());
            byte[] plain = key.open(f.getPayload().toByteArray(), EnclaveLabels.pageAad("job-1", "ds-1", "TRAIN",
                    f.getPageIndex()));
            opened.add(PageCodec.decode(plain, f.getRowCount(), raw.featureNames(), raw.labelName()));
        }
        assertEquals(expected, Dataset.concat(opened));
        assertEquals(1.0, metrics.counter("cleave.enclave.keys.released").count());
    }

    @Test
    void release_policyLacksTheWorkloadMeasurement_noKey() {
        assertRefused(result(OTHER_WORKLOAD, "compute-1", "job-1", NOW), workload,
                "measurement " + OTHER_WORKLOAD.hex() + " is not one of the policy's reference measurements");
    }

    @Test
    void release_expiredResult_noKey() {
        assertRefused(result(TRUSTED_WORKLOAD, "compute-1", "job-1", NOW.minus(Duration.ofMinutes(20))), workload,
                "attestation result r-1 expired at 2026-11-27T11:50:00Z");
    }

    @Test
    void release_tamperedResultSignature_noKey() {
        String token = result(TRUSTED_WORKLOAD, "compute-1", "job-1", NOW);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertRefused(tampered, workload, "attestation result signature does not verify with the broker's attestation key");
    }

    @Test
    void release_resultForAnotherWorkloadKey_noKey() {
        HpkeKeyPair intruder = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        assertRefused(result(TRUSTED_WORKLOAD, "compute-1", "job-1", NOW), intruder,
                "report data does not bind the expected workload key");
    }

    @Test
    void release_resultOfAnotherJob_noKey() {
        assertRefused(result(TRUSTED_WORKLOAD, "compute-1", "job-2", NOW), workload,
                "the attestation result is for provider compute-1 and job job-2, not for this request");
    }

    private void assertRefused(String token, HpkeKeyPair presented, String reason) {
        var e = assertThrows(StatusRuntimeException.class, () -> DataPlaneGrpc.newBlockingStub(channel)
                .releaseDataKey(request(token, presented)));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals(reason, e.getStatus().getDescription());
        assertEquals(0.0, metrics.counter("cleave.enclave.keys.released").count(), "no key was ever released");
        assertTrue(metrics.counter("cleave.enclave.keys.refused").count() >= 1);
    }

    private ByteString release(String token) {
        return DataPlaneGrpc.newBlockingStub(channel).releaseDataKey(request(token, workload)).getWrappedDataKey();
    }

    private static DataKeyRequest request(String token, HpkeKeyPair presented) {
        return DataKeyRequest.newBuilder().setJobId("job-1").setDatasetId("ds-1").setRequesterProviderId("compute-1")
                .setGrant(ByteString.copyFrom(CAPABILITY)).setAttestationResult(token)
                .setWorkloadPublicKey(ByteString.copyFrom(presented.publicKey().encode())).build();
    }

    /** What the broker signs after verifying software evidence that binds {@link #workload}'s key. */
    private String result(Measurement measurement, String provider, String job, Instant issuedAt) {
        byte[] nonce = {7, 7, 7};
        VerifiedClaims claims = new VerifiedClaims(EvidenceType.SOFTWARE, measurement,
                ReportDataBinding.forWorkloadKey(workload.publicKey().encode(), nonce).reportData(), Optional.empty(),
                Set.of(), "compute-b/compute-1", "software", false);
        return results.sign(new AttestationResult("r-1", provider, "compute-b", Optional.of(job), claims, nonce,
                issuedAt, issuedAt.plus(Duration.ofMinutes(10))));
    }

    private static Measurement measurement(int fill) {
        byte[] m = new byte[Measurement.LENGTH];
        Arrays.fill(m, (byte) fill);
        return Measurement.of(m);
    }
}
