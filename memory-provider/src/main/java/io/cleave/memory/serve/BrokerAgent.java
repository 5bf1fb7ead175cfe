package io.cleave.memory.serve;

import io.cleave.controlplane.BrokerChannels;
import io.cleave.controlplane.BrokerSession;
import io.cleave.memory.config.MemoryTlsConfig;
import io.cleave.memory.config.MemoryProviderConfig;
import io.cleave.memory.store.DatasetStore;
import io.cleave.memory.store.PagedDataset;
import io.cleave.protocols.v1.Assignment;
import io.cleave.protocols.v1.Column;
import io.cleave.protocols.v1.DatasetSchema;
import io.cleave.protocols.v1.ProviderKind;
import io.cleave.protocols.v1.RegisterDatasetRequest;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import io.cleave.crypto.SignaturePublicKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the federation once the data plane listens: registers this provider and the schemas of
 * its datasets (never values), then follows its assignments.
 */
@Singleton
final class BrokerAgent implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAgent.class);
    private final MemoryProviderConfig config;
    private final MemoryTlsConfig tls;
    private final boolean insecurePlaintext;
    private final DatasetStore store;
    private final GrantBook grants;
    private final ConsentedServing serving;
    private final EnclaveKeyRelease enclave;
    private final int dataPlanePort;
    private final MeterRegistry metrics;
    private volatile BrokerSession session;

    BrokerAgent(MemoryProviderConfig config, MemoryTlsConfig tls,
            @Value("${cleave.memory.insecure-plaintext-control-plane:false}") boolean insecurePlaintext,
            DatasetStore store, GrantBook grants, ConsentedServing serving, EnclaveKeyRelease enclave,
            @Value("${grpc.server.port}") int dataPlanePort, MeterRegistry metrics) {
        this.serving = serving;
        this.enclave = enclave;
        this.metrics = metrics;
        this.config = config;
        this.tls = tls;
        this.insecurePlaintext = insecurePlaintext;
        this.store = store;
        this.grants = grants;
        this.dataPlanePort = dataPlanePort;
    }

    /** Both the HTTP and the gRPC server announce their start; the data plane is the one that matters. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!(event.getSource() instanceof GrpcEmbeddedServer)) {
            return;
        }
        if (config.organisation() == null || config.organisation().isBlank()) {
            throw new IllegalStateException("cleave.memory.organisation is not set: which organisation does this "
                    + "provider belong to?");
        }
        serving.checkConsentPolicy();
        RegisterProviderRequest registration = RegisterProviderRequest.newBuilder()
                .setOrganisation(config.organisation()).setName(config.name()).setKind(ProviderKind.MEMORY)
                .setCores(0).setMemoryBytes(store.all().stream().mapToLong(PagedDataset::sizeBytes).sum())
                .setDataPlaneEndpoint(config.advertisedHost() + ":" + dataPlanePort).build();
        session = new BrokerSession(
                BrokerChannels.forProvider("cleave.memory", config.broker(), tls.files(), insecurePlaintext), registration,
                () -> new BrokerSession.Capacity(0, 0), this::onAssignment);
        String providerId = session.start(Duration.ofMinutes(2));
        trustBrokerAttestationKey();
        session.followAuditLog().bindTo(metrics);
        for (PagedDataset d : store.all()) {
            var response = session.stub().registerDataset(RegisterDatasetRequest.newBuilder().setProviderId(providerId)
                    .setName(d.name()).setSchema(schema(d)).setRowCount(d.rows()).setRowsPerPage(d.rowsPerPage())
                    .setPageCount(d.pageCount()).setSizeBytes(d.sizeBytes()).build());
            store.registered(response.getDatasetId(), d);
            LOG.info("Published the schema of dataset '{}' (id {}); its values stay here", d.name(),
                    response.getDatasetId());
        }
    }

    /** The federation's current CRLs from the broker; none before the session starts (peers then fail closed). */
    List<byte[]> currentCrls() {
        BrokerSession current = session;
        return current == null ? List.of() : current.currentCrls();
    }

    private void onAssignment(Assignment a) {
        switch (a.getWorkCase()) {
            case SERVE -> serving.accept(a.getServe(), session.channel());
            case ENDED -> {
                grants.endJob(a.getEnded().getJobId());
                enclave.endJob(a.getEnded().getJobId());
                LOG.info("Job {} ended ({}); its grants are revoked", a.getEnded().getJobId(), a.getEnded().getReason());
            }
            case TRAIN, WORK_NOT_SET -> LOG.warn("Ignoring an assignment a memory provider cannot do: {}",
                    a.getWorkCase());
        }
    }

    /** Pins the broker's attestation-result key, received over the mutually authenticated control plane. */
    private void trustBrokerAttestationKey() {
        try {
            enclave.checkPolicyFile();
            enclave.trustBrokerResultKey(SignaturePublicKey.decode(
                    session.registration().getAttestationKey().toByteArray()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up ENCLAVE key release: " + e.getMessage(), e);
        }
    }

    private static DatasetSchema schema(PagedDataset d) {
        DatasetSchema.Builder b = DatasetSchema.newBuilder();
        double[] means = d.standardization().means();
        double[] stds = d.standardization().stds();
        for (int c = 0; c < d.featureNames().size(); c++) {
            b.addColumns(Column.newBuilder().setName(d.featureNames().get(c)).setMean(means[c]).setStd(stds[c]));
        }
        b.addColumns(Column.newBuilder().setName(d.labelName()).setLabel(true).setMean(0).setStd(1));
        return b.build();
    }

    @PreDestroy
    void close() {
        if (session != null) {
            session.close();
        }
    }
}
