package io.cleave.mpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Real networking on the loopback interface: each participant listens on {@code 127.0.0.1} (an
 * ephemeral port) and opens one TCP connection to each peer it sends to, so frames cross real
 * sockets. A connection starts with the sender's name; then each frame is a 4-byte big-endian
 * length and the payload. Frames are not encrypted here: the sealed channel is layered on top by
 * the deployment.
 *
 * <p>Why plain framing rather than gRPC: the one-time openings move hundreds of MiB, and gRPC's
 * protobuf and HTTP/2 layers copied every payload several times and added an event-loop hop per
 * frame. Here a sender writes from its own thread and one reader thread per inbound connection
 * reads each frame straight into the array the engine receives.
 *
 * <p>Close the network to stop every listener and connection.
 */
public final class LoopbackSocketNetwork implements AutoCloseable {
    /** Largest frame accepted; the engine chunks bulk matrices well below this. */
    public static final int MAX_FRAME_BYTES = 64 << 20;
    private static final int HEADER_BYTES = Integer.BYTES;
    /** Marks the end of a sender's frames in a receive queue; compared by identity. */
    private static final byte[] END_OF_STREAM = new byte[0];

    private final Duration timeout;
    private final Map<Participant, Node> nodes = new HashMap<>();

    private LoopbackSocketNetwork(Duration timeout) {
        this.timeout = timeout;
    }

    /** Starts one listener per participant; the transports are ready to use. */
    public static LoopbackSocketNetwork start(List<Participant> participants, Duration timeout) {
        LoopbackSocketNetwork network = new LoopbackSocketNetwork(timeout);
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

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Shutting down: the peer may already be gone, and there is nothing left to deliver.
        }
    }

    private final class Node implements Transport {
        private final Participant self;
        private final ServerSocketChannel listener;
        private final Map<String, BlockingQueue<byte[]>> inbox = new ConcurrentHashMap<>();
        private final Map<Participant, SocketChannel> outbound = new ConcurrentHashMap<>();
        private final List<SocketChannel> inbound = new ArrayList<>();

        Node(Participant self) {
            this.self = self;
            try {
                listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on 127.0.0.1 for " + self.name(), e);
            }
            daemon(this::acceptLoop, "mpc-loopback-" + self.name() + "-accept").start();
        }

        @Override
        public Participant self() {
            return self;
        }

        private void acceptLoop() {
            try {
                while (true) {
                    SocketChannel connection = listener.accept();
                    synchronized (inbound) {
                        inbound.add(connection);
                    }
                    daemon(() -> readLoop(connection), "mpc-loopback-" + self.name() + "-read").start();
                }
            } catch (IOException e) {
                // The listener was closed by shutdown().
            }
        }

        /** Reads the sender's name, then frames until the sender closes the connection. */
        private void readLoop(SocketChannel connection) {
            BlockingQueue<byte[]> queue = null;
            try {
                String sender = new String(readFrame(connection), StandardCharsets.UTF_8);
                queue = queue(sender);
                while (true) {
                    byte[] frame = readFrame(connection);
                    if (frame == null) {
                        break;
                    }
                    queue.add(frame);
                }
            } catch (IOException | RuntimeException e) {
                // A broken connection: the receiver learns it below rather than waiting for its timeout.
            } finally {
                if (queue != null) {
                    queue.add(END_OF_STREAM);
                }
                closeQuietly(connection);
            }
        }

        /** The next frame, or null at a clean end of stream (the sender closed between frames). */
        private byte[] readFrame(SocketChannel connection) throws IOException {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            if (!readFully(connection, header, true)) {
                return null;
            }
            int length = header.flip().getInt();
            if (length < 0 || length > MAX_FRAME_BYTES) {
                throw new IOException("frame length " + length + " outside 0.." + MAX_FRAME_BYTES);
            }
            byte[] frame = new byte[length];
            readFully(connection, ByteBuffer.wrap(frame), false);
            return frame;
        }

        private boolean readFully(SocketChannel connection, ByteBuffer into, boolean endAllowed) throws IOException {
            while (into.hasRemaining()) {
                if (connection.read(into) < 0) {
                    if (endAllowed && into.position() == 0) {
                        return false;
                    }
                    throw new IOException("connection closed inside a frame");
                }
            }
            return true;
        }

        private BlockingQueue<byte[]> queue(String sender) {
            return inbox.computeIfAbsent(sender, k -> new LinkedBlockingQueue<>());
        }

        @Override
        public void send(Participant to, byte[] frame) {
            if (frame.length > MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("frame of " + frame.length + " bytes exceeds " + MAX_FRAME_BYTES);
            }
            SocketChannel connection = outbound.computeIfAbsent(to, this::connect);
            synchronized (connection) {
                write(connection, to, frame);
            }
        }

        private SocketChannel connect(Participant to) {
            Node peer = nodes.get(to);
            if (peer == null) {
                throw new IllegalArgumentException("no participant " + to.name() + " in this network");
            }
            try {
                SocketChannel connection = SocketChannel.open(peer.listener.getLocalAddress());
                // Openings of a few values are latency-bound; never hold them back to coalesce.
                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                write(connection, to, self.name().getBytes(StandardCharsets.UTF_8));
                return connection;
            } catch (IOException e) {
                throw new TransportException(self.name() + ": cannot connect to " + to.name(), e);
            }
        }

        private void write(SocketChannel connection, Participant to, byte[] payload) {
            ByteBuffer[] parts = {ByteBuffer.allocate(HEADER_BYTES).putInt(0, payload.length), ByteBuffer.wrap(payload)};
            try {
                while (parts[0].hasRemaining() || parts[1].hasRemaining()) {
                    connection.write(parts);
                }
            } catch (IOException e) {
                throw new TransportException(self.name() + ": cannot send to " + to.name(), e);
            }
        }

        @Override
        public byte[] receive(Participant from) {
            BlockingQueue<byte[]> queue = queue(from.name());
            byte[] frame = Inboxes.next(queue, timeout, self, from);
            if (frame == END_OF_STREAM) {
                queue.add(END_OF_STREAM);
                throw new TransportException(self.name() + ": " + from.name() + " closed its connection");
            }
            return frame;
        }

        /** Ends this participant's outbound connections; peers see the end after every frame sent. */
        @Override
        public void close() {
            for (SocketChannel connection : outbound.values()) {
                synchronized (connection) {
                    closeQuietly(connection);
                }
            }
            outbound.clear();
        }

        void shutdown() {
            close();
            closeQuietly(listener);
            synchronized (inbound) {
                inbound.forEach(LoopbackSocketNetwork::closeQuietly);
            }
        }
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
