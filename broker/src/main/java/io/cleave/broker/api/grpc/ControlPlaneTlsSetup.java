package io.cleave.broker.api.grpc;

import io.cleave.broker.config.ControlPlaneConfig;
import io.cleave.broker.pki.BrokerTlsIdentity;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.grpc.server.GrpcServerConfiguration;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.inject.Singleton;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts mutual TLS on the gRPC server Micronaut builds: the broker's root-issued certificate, the
 * federation root as the only trust anchor, and a client certificate required in every handshake.
 * Path validation at the handshake; revocation and the Cleave profile per call, in
 * {@link CallerIdentityInterceptor}.
 */
@Singleton
final class ControlPlaneTlsSetup implements BeanCreatedEventListener<GrpcServerConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneTlsSetup.class);
    private final ControlPlaneConfig config;
    private final BeanProvider<BrokerTlsIdentity> identity;

    ControlPlaneTlsSetup(ControlPlaneConfig config, BeanProvider<BrokerTlsIdentity> identity) {
        this.config = config;
        this.identity = identity;
    }

    @Override
    public GrpcServerConfiguration onCreated(BeanCreatedEvent<GrpcServerConfiguration> event) {
        GrpcServerConfiguration server = event.getBean();
        if (config.insecurePlaintext()) {
            LOG.warn("INSECURE: the control plane runs WITHOUT TLS ({}=true): providers are not authenticated and "
                    + "anyone on the path can read and alter control messages. Development only.",
                    ControlPlaneConfig.INSECURE_PLAINTEXT);
            return server;
        }
        BrokerTlsIdentity tls = identity.get();
        try {
            ((NettyServerBuilder) server.getServerBuilder()).sslContext(GrpcSslContexts
                    .configure(SslContextBuilder.forServer(tls.chain().toFile(), tls.key().toFile()))
                    .trustManager(tls.root().toFile()).clientAuth(ClientAuth.REQUIRE).build());
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up control-plane TLS: " + e.getMessage(), e);
        }
        LOG.info("Control plane: mutual TLS, clients must chain to {}",
                tls.certificate().getIssuerX500Principal().getName());
        return server;
    }
}
