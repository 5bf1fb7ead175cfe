package io.cleave.compute.task;

import io.cleave.compute.attest.WorkloadAttestor;
import io.cleave.controlplane.BrokerSession;
import io.cleave.crypto.DataKey;
import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.HpkeSuite;
import io.cleave.crypto.SealedBox;
import io.cleave.enclave.EnclaveLabels;
import io.cleave.protocols.v1.DataKeyRequest;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.DatasetSource;
import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.TaskResult;
import io.cleave.protocols.v1.TrainTask;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import com.google.protobuf.ByteString;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ENCLAVE task: the workload makes an ephemeral HPKE key that never leaves this object, has the
 * broker attest evidence binding it (with a fresh nonce), shows the signed result to each memory
 * provider, which releases its data key wrapped to that key only if the result passes its own
 * policy; then the pages, sealed under those keys, are opened and trained on here.
 */
final class EnclaveTraining {
    private static final Logger LOG = LoggerFactory.getLogger(EnclaveTraining.class);
    private final TrainTask task;
    private final BrokerSession session;
    private final WorkloadAttestor attestor;
    private final Function<PagePayloads, PageClient> pageClients;
    private final Consumer<ProgressReport> progress;

    EnclaveTraining(TrainTask task, BrokerSession session, WorkloadAttestor attestor,
            Function<PagePayloads, PageClient> pageClients, Consumer<ProgressReport> progress) {
        this.task = task;
        this.session = session;
        this.attestor = attestor;
        this.pageClients = pageClients;
        this.progress = progress;
    }

    TaskResult run() {
        HpkeKeyPair workloadKey = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        String result;
        try {
            result = attestor.attestWorkload(session, task.getJobId(), workloadKey.publicKey());
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("the broker did not attest this workload: " + e.getStatus().getDescription(), e);
        }
        Map<String, DataKey> keys = new HashMap<>();
        for (DatasetSource source : task.getDatasetsList()) {
            keys.put(source.getDatasetId(), releasedKey(source, result, workloadKey));
        }
        LOG.info("Job {}: {} data key(s) released to this attested workload", task.getJobId(), keys.size());
        return new TrustedTraining(task, session.providerId(), pageClients.apply(PagePayloads.sealed(keys)), progress)
                .run();
    }

    private DataKey releasedKey(DatasetSource source, String attestationResult, HpkeKeyPair workloadKey) {
        ManagedChannel channel = NettyChannelBuilder.forTarget(source.getDataPlaneEndpoint()).usePlaintext().build();
        try {
            byte[] wrapped = DataPlaneGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .releaseDataKey(DataKeyRequest.newBuilder().setJobId(task.getJobId())
                            .setDatasetId(source.getDatasetId()).setRequesterProviderId(session.providerId())
                            .setGrant(source.getGrant()).setAttestationResult(attestationResult)
                            .setWorkloadPublicKey(ByteString.copyFrom(workloadKey.publicKey().encode())).build())
                    .getWrappedDataKey().toByteArray();
            return DataKey.unwrap(workloadKey, EnclaveLabels.dataKeyInfo(task.getJobId(), source.getDatasetId()),
                    SealedBox.decode(wrapped));
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("the memory provider of dataset " + source.getDatasetId()
                    + " released no data key: " + e.getStatus().getDescription(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of dataset " + source.getDatasetId()
                    + " does not open with this workload's key", e);
        } finally {
            channel.shutdownNow();
        }
    }
}
