package io.cleave.broker;

import io.cleave.broker.pki.CertificateRegistry;
import io.cleave.broker.pki.EnrolmentService;
import io.cleave.protocols.v1.ControlPlaneGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A broker with its default mutual-TLS control plane on H2, a {@link TlsFederation} to enrol
 * organisations and certify providers, and stubs that call as a given provider over real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TlsControlPlaneTestBase implements TestPropertyProvider {
    @Inject
    EnrolmentService enrolments;
    @Inject
    CertificateRegistry registry;
    @Value("${grpc.server.port}")
    int port;
    Path dir;
    TlsFederation federation;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            dir = Files.createTempDirectory("cleave-tls-");
            return TestDatabases.withKnownGrpcPort(TestDatabases.h2(dir.resolve("broker")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void federation() {
        federation = new TlsFederation(enrolments, registry, dir);
    }

    @AfterAll
    void closeChannels() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    /** A stub that calls as {@code provider}, on a channel of its own (closed after the class). */
    ControlPlaneGrpc.ControlPlaneBlockingStub stub(TlsFederation.ProviderTls provider) {
        return ControlPlaneGrpc.newBlockingStub(track(TlsFederation.channel(port, provider)))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** Closes {@code channel} with the others after the class. */
    ManagedChannel track(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }
}
