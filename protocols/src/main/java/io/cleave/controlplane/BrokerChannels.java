package io.cleave.controlplane;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Channels from a provider or client to the broker's control plane. */
public final class BrokerChannels {
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
}
