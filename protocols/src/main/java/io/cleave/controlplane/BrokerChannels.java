package io.cleave.controlplane;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Channels from a provider or client to the broker's control plane. */
public final class BrokerChannels {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerChannels.class);

    private BrokerChannels() {
    }

    /**
     * A channel WITHOUT transport security: anyone on the path can read and alter control traffic.
     * For development on one machine until the mutual-TLS control plane is configured.
     *
     * @param target "host:port" of the broker's gRPC port
     */
    public static ManagedChannel insecurePlaintext(String target) {
        return NettyChannelBuilder.forTarget(target).usePlaintext()
                .keepAliveTime(30, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
    }

    /**
     * The channel a provider's configuration asks for: mutual TLS with {@code tls}, or, only when
     * {@code insecurePlaintext} is set, plaintext with a loud warning.
     *
     * @param prefix the provider's configuration prefix, e.g. "cleave.memory", for error messages
     * @param tls null when no TLS files are configured
     */
    public static ManagedChannel forProvider(String prefix, String target, ControlPlaneTls tls, boolean insecurePlaintext) {
        if (insecurePlaintext) {
            LOG.warn("INSECURE: connecting to the broker at {} WITHOUT TLS ({}.insecure-plaintext-control-plane=true):"
                    + " anyone on the path can read and alter control messages. Development only.", target, prefix);
            return insecurePlaintext(target);
        }
        if (tls == null) {
            throw new IllegalStateException(prefix + ".tls.key, " + prefix + ".tls.chain and " + prefix
                    + ".tls.root must name this provider's TLS files (see 'cleave provider cert issue')");
        }
        return mutualTls(target, tls);
    }

    /**
     * A mutual-TLS channel (TLS 1.3/1.2 as negotiated): the provider proves itself with its key and
     * chain; the broker must present a certificate issued directly by the federation root, valid
     * for the target's host name or IP address.
     *
     * @param target "host:port" of the broker's gRPC port
     */
    public static ManagedChannel mutualTls(String target, ControlPlaneTls tls) {
        tls.requireReadable();
        SslContext context;
        try {
            context = GrpcSslContexts.forClient().keyManager(tls.chain().toFile(), tls.key().toFile())
                    .trustManager(RootIssuedServerTrust.of(tls.root())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load the control-plane TLS key " + tls.key() + " and chain "
                    + tls.chain() + ": " + e.getMessage(), e);
        }
        return NettyChannelBuilder.forTarget(target).sslContext(context)
                .keepAliveTime(30, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
    }
}
