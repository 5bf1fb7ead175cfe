package io.cleave.mpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.cleave.protocols.v1.MpcAck;
import io.cleave.protocols.v1.MpcFrame;
import io.cleave.protocols.v1.MpcLinkGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real networking on the loopback interface: each participant runs a gRPC server on
 * {@code 127.0.0.1} (an ephemeral port) and opens one client stream ({@code MpcLink.Deliver}) to
 * each peer it sends to, so frames cross real TCP sockets through HTTP/2 framing. Frames are not
 * encrypted here: the sealed channel is layered on top by the deployment.
 *
 * <p>Close the network to stop every server and channel.
 */
public final class LoopbackGrpcNetwork implements AutoCloseable {
    /** Largest frame accepted; the engine chunks bulk matrices well below this. */
    public static final int MAX_FRAME_BYTES = 64 << 20;
    /**
     * HTTP/2 flow-control window: the one-time mask opening moves hundreds of MiB in 8 MiB frames,
     * and grpc's 1 MiB default makes the sender wait for window updates many times per frame.
     */
    private static final int FLOW_WINDOW_BYTES = 16 << 20;

    private final Duration timeout;
    private final Map<Participant, Node> nodes = new HashMap<>();

    private LoopbackGrpcNetwork(Duration timeout) {
        this.timeout = timeout;
    }

    /** Starts one server per participant; the transports are ready to use. */
    public static LoopbackGrpcNetwork start(List<Participant> participants, Duration timeout) {
        LoopbackGrpcNetwork network = new LoopbackGrpcNetwork(timeout);
        try {
            for (Participant p : participants) {
                network.nodes.put(p, network.new Node(p));
            }
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    public Transport transport(Participant p) {
        Node node = nodes.get(p);
        if (node == null) {
            throw new IllegalArgumentException("no participant " + p.name() + " in this network");
        }
        return node;
    }

    @Override
    public void close() {
        for (Node node : nodes.values()) {
            node.shutdown();
        }
    }

    private final class Node extends MpcLinkGrpc.MpcLinkImplBase implements Transport {
        private final Participant self;
        private final Server server;
        private final Map<String, BlockingQueue<byte[]>> inbox = new ConcurrentHashMap<>();
        private final Map<Participant, StreamObserver<MpcFrame>> outbound = new ConcurrentHashMap<>();
        private final List<ManagedChannel> channels = new ArrayList<>();

        Node(Participant self) {
            this.self = self;
            try {
                this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                        .maxInboundMessageSize(MAX_FRAME_BYTES + 1024).flowControlWindow(FLOW_WINDOW_BYTES)
                        // Callbacks only enqueue: run them on the event loop, saving a thread hop per frame.
                        .directExecutor().addService(this).build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1 for " + self.name(), e);
            }
        }

        @Override
        public Participant self() {
            return self;
        }

        @Override
        public StreamObserver<MpcFrame> deliver(StreamObserver<MpcAck> ack) {
            return new StreamObserver<>() {
                private long frames;

                @Override
                public void onNext(MpcFrame frame) {
                    frames++;
                    queue(frame.getSender()).add(frame.getPayload().toByteArray());
                }

                @Override
                public void onError(Throwable t) {
                    // The sender went away; receivers time out with a clear message.
                }

                @Override
                public void onCompleted() {
                    ack.onNext(MpcAck.newBuilder().setFrames(frames).build());
                    ack.onCompleted();
                }
            };
        }

        private BlockingQueue<byte[]> queue(String sender) {
            return inbox.computeIfAbsent(sender, k -> new LinkedBlockingQueue<>());
        }

        @Override
        public void send(Participant to, byte[] frame) {
            if (frame.length > MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds " + MAX_FRAME_BYTES);
            }
            StreamObserver<MpcFrame> stream = outbound.computeIfAbsent(to, this::open);
            ByteString payload = UnsafeByteOperations.unsafeWrap(frame);
            synchronized (stream) {
                stream.onNext(MpcFrame.newBuilder().setSender(self.name()).setPayload(payload).build());
            }
        }

        private StreamObserver<MpcFrame> open(Participant to) {
            Node peer = nodes.get(to);
            if (peer == null) {
                throw new IllegalArgumentException("no participant " + to.name() + " in this network");
            }
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", peer.server.getPort()).usePlaintext()
                    .maxInboundMessageSize(MAX_FRAME_BYTES + 1024).flowControlWindow(FLOW_WINDOW_BYTES).directExecutor()
                    .build();
            synchronized (channels) {
                channels.add(channel);
            }
            return MpcLinkGrpc.newStub(channel).deliver(new StreamObserver<>() {
                @Override
                public void onNext(MpcAck value) {
                    // Only the count; nothing to act on.
                }

                @Override
                public void onError(Throwable t) {
                    // Surfaces at the receiver as a timeout naming the missing sender.
                }

                @Override
                public void onCompleted() {
                    // Normal end of a job.
                }
            });
        }

        @Override
        public byte[] receive(Participant from) {
            try {
                byte[] frame = queue(from.name()).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == null) {
                    throw new TransportException(self.name() + ": no frame from " + from.name() + " within " + timeout);
                }
                return frame;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(self.name() + ": interrupted waiting for " + from.name(), e);
            }
        }

        @Override
        public void close() {
            for (StreamObserver<MpcFrame> stream : outbound.values()) {
                synchronized (stream) {
                    stream.onCompleted();
                }
            }
            outbound.clear();
        }

        void shutdown() {
            close();
            synchronized (channels) {
                channels.forEach(ManagedChannel::shutdown);
            }
            server.shutdown();
            try {
                server.awaitTermination(2, TimeUnit.SECONDS);
                for (ManagedChannel c : channels) {
                    c.awaitTermination(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }
}
