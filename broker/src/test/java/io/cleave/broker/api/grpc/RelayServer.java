package io.cleave.broker.api.grpc;

import io.cleave.broker.relay.RelayHub;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A relay endpoint on a real loopback socket (plaintext: these tests are about the relay, not TLS) and its clients. */
final class RelayServer implements AutoCloseable {
    private final Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    RelayServer(RelayHub hub) throws IOException {
        server = NettyServerBuilder.forPort(0).addService(new RelayEndpoint(hub)).build().start();
    }

    /** A new connection to the relay; closed with the server. Thread-safe. */
    ManagedChannel channel() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        synchronized (channels) {
            channels.add(channel);
        }
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (channels) {
            channels.forEach(ManagedChannel::shutdownNow);
        }
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
