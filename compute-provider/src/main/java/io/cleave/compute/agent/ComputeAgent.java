package io.cleave.compute.agent;

import io.cleave.compute.attest.WorkloadAttestor;
import io.cleave.compute.config.ComputeProviderConfig;
import io.cleave.compute.task.TaskRunner;
import io.cleave.controlplane.BrokerChannels;
import io.cleave.controlplane.BrokerSession;
import io.cleave.compute.config.ComputeTlsConfig;
import io.cleave.protocols.v1.Assignment;
import io.cleave.protocols.v1.EvidenceFormat;
import io.cleave.protocols.v1.ProviderKind;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Joins the federation, announces this provider's cores and memory, and runs the tasks it is assigned. */
@Singleton
final class ComputeAgent implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeAgent.class);
    private final MeterRegistry metrics;
    private final ComputeProviderConfig config;
    private final ComputeTlsConfig tls;
    private final boolean insecurePlaintext;
    private final TaskRunner runner;
    private final WorkloadAttestor attestor;
    private BrokerSession session;

    ComputeAgent(ComputeProviderConfig config, ComputeTlsConfig tls,
            @Value("${cleave.compute.insecure-plaintext-control-plane:false}") boolean insecurePlaintext,
            TaskRunner runner, WorkloadAttestor attestor, MeterRegistry metrics) {
        this.attestor = attestor;
        this.metrics = metrics;
        this.config = config;
        this.tls = tls;
        this.insecurePlaintext = insecurePlaintext;
        this.runner = runner;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (config.organisation() == null || config.organisation().isBlank()) {
            throw new IllegalStateException("cleave.compute.organisation is not set: which organisation does this "
                    + "provider belong to?");
        }
        RegisterProviderRequest.Builder registration = RegisterProviderRequest.newBuilder()
                .setOrganisation(config.organisation()).setName(config.name()).setKind(ProviderKind.COMPUTE)
                .setCores(config.cores()).setMemoryBytes(config.memoryBytes());
        attestor.registrationEvidence().ifPresent(evidence -> registration
                .setEvidenceFormat(EvidenceFormat.SOFTWARE_EVIDENCE).setEvidence(evidence));
        session = new BrokerSession(
                BrokerChannels.forProvider("cleave.compute", config.broker(), tls.files(), insecurePlaintext),
                registration.build(),
                () -> new BrokerSession.Capacity(runner.busy() ? 0 : config.cores(),
                        runner.busy() ? 0 : config.memoryBytes()), this::onAssignment);
        session.start(Duration.ofMinutes(2));
        logVerdict();
        attestor.keepAttested(session);
        session.followAuditLog().bindTo(metrics);
    }

    private void logVerdict() {
        var response = session.registration();
        if (!response.getAttestationResult().isEmpty()) {
            LOG.info("The broker verified this provider's evidence (software: no hardware isolation)");
        } else if (!response.getAttestationRefusal().isEmpty()) {
            LOG.warn("The broker refused this provider's evidence: {}", response.getAttestationRefusal());
        }
    }

    private void onAssignment(Assignment a) {
        switch (a.getWorkCase()) {
            case TRAIN -> runner.submit(a.getTrain(), session);
            case ENDED -> runner.ended(a.getEnded().getJobId(), a.getEnded().getReason());
            case SERVE, WORK_NOT_SET -> LOG.warn("Ignoring an assignment a compute provider cannot do: {}",
                    a.getWorkCase());
        }
    }

    @PreDestroy
    void close() {
        if (session != null) {
            session.close();
        }
    }
}
