package io.cleave.relay;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.cleave.channel.ByteStringFrames;
import io.cleave.channel.ChannelBinding;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ChannelMessage;
import io.cleave.channel.ChannelSettings;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.LocalIdentity;
import io.cleave.channel.PeerVerifier;
import io.cleave.channel.SealedChannel;
import io.cleave.mpc.Participant;
import io.cleave.mpc.Transport;
import io.cleave.mpc.TransportException;
import io.cleave.protocols.v1.JointWork;
import io.cleave.protocols.v1.RelayData;
import io.cleave.protocols.v1.RelayPeer;
import io.cleave.protocols.v1.RelayGrpc;
import io.cleave.protocols.v1.RelayJoin;
import io.cleave.protocols.v1.RelayKind;
import io.cleave.protocols.v1.RelayMessage;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A participant's {@link Transport} through the broker's relay: one outgoing gRPC stream carries
 * one {@link SealedChannel} per peer provider, so the relay forwards only handshake messages and
 * AES-256-GCM frames. Engine frames of any size are cut into sealed frames of at most
 * {@link SealedChannel#MAX_PLAINTEXT} bytes (one flag byte, "last chunk", then the data) and put
 * together again on the other side. The dealer, which runs inside the broker, is the one source
 * whose frames arrive unsealed, and only as kind DEALER, which the broker alone can write.
 *
 * <p>Initiator rule: of two peers, the one whose participant name sorts first sends the hello
 * ("input-0" before "party-0" before "party-1").
 *
 * <p>Any channel or relay error is final: every later {@link #send} and {@link #receive} throws a
 * {@link TransportException} naming the peer and the reason ("sealed channel with party-1 failed:
 * …"), which fails the job. Threading as {@link Transport} says.
 */
public final class RelayTransport implements Transport {
    private static final int CHUNK = SealedChannel.MAX_PLAINTEXT - 1;
    private static final byte MORE = 0;
    private static final byte LAST = 1;

    private final Settings settings;
    private final Map<Participant, PeerLink> links = new LinkedHashMap<>();
    private final PeerLink dealer;
    private final CountDownLatch joined = new CountDownLatch(1);
    private final StreamObserver<RelayMessage> outbound;
    private volatile String failure;

    /**
     * What one participant needs to join its job's relay.
     *
     * @param peers the providers this participant exchanges sealed frames with, and who each must be
     * @param jobId the relay session id ({@link RelaySession#id()}): the job, and the attempt after a resume
     * @param verifiers builds the peer verifier from the CRLs the broker hands out on joining (DER)
     * @param timeout how long a handshake or a {@link #receive} may wait
     */
    public record Settings(String jobId, Participant self, Map<Participant, ExpectedPeer> peers,
            LocalIdentity identity, VerifierFactory verifiers, Duration timeout) {
        public Settings {
            peers = Map.copyOf(peers);
            if (peers.containsKey(self) || peers.containsKey(Participant.DEALER)) {
                throw new IllegalArgumentException("the sealed peers must not include " + self.name() + " or the dealer");
            }
        }
    }

    /** Builds the peer verifier once the broker handed out the current CRLs. */
    @FunctionalInterface
    public interface VerifierFactory {
        PeerVerifier fromCrls(List<byte[]> derCrls) throws ChannelException;
    }

    /**
     * The settings for the participant a joint job's assignment names, with the peers it lists, in
     * the relay session of the assignment's attempt ({@link RelaySession}).
     */
    public static Settings settingsFor(String jobId, JointWork work, LocalIdentity identity, VerifierFactory verifiers,
            Duration timeout) {
        Map<Participant, ExpectedPeer> peers = new LinkedHashMap<>();
        for (RelayPeer peer : work.getPeersList()) {
            peers.put(new Participant(peer.getParticipant()), new ExpectedPeer(peer.getOrganisation(), peer.getProvider()));
        }
        return new Settings(RelaySession.of(jobId, work.getAttempt()).id(), new Participant(work.getParticipant()), peers,
                identity, verifiers, timeout);
    }

    private RelayTransport(ManagedChannel channel, Settings settings) {
        this.settings = settings;
        settings.peers().keySet().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(p -> links.put(p, new PeerLink(p)));
        this.dealer = new PeerLink(Participant.DEALER);
        this.outbound = RelayGrpc.newStub(channel).connect(new Inbound());
    }

    /**
     * Joins the relay and completes the handshake with every peer.
     *
     * @throws TransportException if the broker refuses, a handshake fails, or a peer does not answer in time
     */
    public static RelayTransport open(ManagedChannel channel, Settings settings) {
        RelayTransport transport = new RelayTransport(channel, settings);
        try {
            transport.join();
        } catch (RuntimeException e) {
            transport.abort();
            throw e;
        }
        return transport;
    }

    private void join() {
        send(RelayMessage.newBuilder().setJoin(RelayJoin.newBuilder().setJobId(settings.jobId())
                .setParticipant(settings.self().name())).build());
        await(joined, "the relay did not accept " + settings.self().name());
        for (PeerLink link : links.values()) {
            await(link.open, "no handshake with " + link.peer.name());
        }
    }

    @Override
    public Participant self() {
        return settings.self();
    }

    @Override
    public void send(Participant to, byte[] frame) {
        PeerLink link = link(to);
        checkHealthy();
        try {
            for (int at = 0; at == 0 || at < frame.length; at += CHUNK) {
                int n = Math.min(CHUNK, frame.length - at);
                byte[] chunk = new byte[n + 1];
                chunk[0] = at + n >= frame.length ? LAST : MORE;
                System.arraycopy(frame, at, chunk, 1, n);
                sendData(to, RelayKind.SEALED, link.channel.seal(chunk));
            }
        } catch (ChannelException e) {
            throw fail(to, e.getMessage());
        }
    }

    @Override
    public byte[] receive(Participant from) {
        PeerLink link = from.equals(Participant.DEALER) ? dealer : link(from);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            while (true) {
                checkHealthy();
                byte[] frame = link.inbox.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    return frame;
                }
                if (System.nanoTime() > deadline) {
                    throw new TransportException(settings.self().name() + ": no frame from " + from.name() + " within "
                            + settings.timeout().toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for " + from.name(), e);
        }
    }

    /** Closes every channel in order (the peers see a close frame, not a truncation), then the stream. */
    @Override
    public void close() {
        if (failure == null) {
            for (PeerLink link : links.values()) {
                try {
                    if (link.channel != null && link.channel.isOpen()) {
                        sendData(link.peer, RelayKind.SEALED, link.channel.close());
                    }
                } catch (ChannelException e) {
                    failure = "sealed channel with " + link.peer.name() + " failed: " + e.getMessage();
                }
            }
        }
        synchronized (outbound) {
            outbound.onCompleted();
        }
    }

    private void abort() {
        synchronized (outbound) {
            outbound.onError(Status.CANCELLED.withDescription("participant gave up").asRuntimeException());
        }
    }

    private PeerLink link(Participant peer) {
        PeerLink link = links.get(peer);
        if (link == null) {
            throw new IllegalArgumentException(settings.self().name() + " has no channel with " + peer.name());
        }
        return link;
    }

    private void sendData(Participant to, RelayKind kind, byte[] payload) {
        send(RelayMessage.newBuilder().setData(RelayData.newBuilder().setPeer(to.name()).setKind(kind)
                .setPayload(UnsafeByteOperations.unsafeWrap(payload))).build());
    }

    private void send(RelayMessage message) {
        synchronized (outbound) {
            outbound.onNext(message);
        }
    }

    private void checkHealthy() {
        String f = failure;
        if (f != null) {
            throw new TransportException(f);
        }
    }

    private TransportException fail(Participant peer, String reason) {
        return fail("sealed channel with " + peer.name() + " failed: " + reason);
    }

    private TransportException fail(String reason) {
        synchronized (this) {
            if (failure == null) {
                failure = settings.self().name() + ": " + reason;
            }
        }
        joined.countDown();
        links.values().forEach(l -> l.open.countDown());
        return new TransportException(failure);
    }

    private void await(CountDownLatch latch, String timeoutMessage) {
        try {
            if (!latch.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw fail(timeoutMessage + " within " + settings.timeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while joining the relay", e);
        }
        checkHealthy();
    }

    private void onJoined(List<ByteString> crls) throws ChannelException {
        PeerVerifier verifier = settings.verifiers().fromCrls(crls.stream().map(ByteString::toByteArray).toList());
        for (PeerLink link : links.values()) {
            ChannelBinding binding = new ChannelBinding(settings.jobId(), settings.self().name(), link.peer.name());
            ExpectedPeer expected = settings.peers().get(link.peer);
            if (link.initiator) {
                link.channel = SealedChannel.initiator(binding, settings.identity(), expected, verifier,
                        ChannelSettings.DEFAULT);
                sendData(link.peer, RelayKind.HANDSHAKE, link.channel.hello());
            } else {
                link.channel = SealedChannel.responder(binding, settings.identity(), expected, verifier,
                        ChannelSettings.DEFAULT);
            }
        }
        joined.countDown();
    }

    private void onData(RelayData data) throws ChannelException {
        Participant from = new Participant(data.getPeer());
        if (data.getKind() == RelayKind.DEALER) {
            if (!from.equals(Participant.DEALER)) {
                throw new ChannelException("an unsealed frame claims to come from " + from.name());
            }
            dealer.inbox.add(data.getPayload().toByteArray());
            return;
        }
        PeerLink link = links.get(from);
        if (link == null || link.channel == null) {
            throw new ChannelException("a frame from " + from.name() + ", which is not a peer of this participant");
        }
        try {
            link.onFrame(data.getKind(), data.getPayload());
        } catch (ChannelException e) {
            fail(from, e.getMessage());
        }
    }

    /** The relay's messages, delivered in order on one gRPC thread. */
    private final class Inbound implements StreamObserver<RelayMessage> {
        @Override
        public void onNext(RelayMessage message) {
            try {
                switch (message.getBodyCase()) {
                    case JOINED -> onJoined(message.getJoined().getCrlsList());
                    case DATA -> onData(message.getData());
                    case JOIN, BODY_NOT_SET -> throw new ChannelException("unexpected relay message "
                            + message.getBodyCase());
                }
            } catch (ChannelException | IllegalArgumentException e) {
                fail(e.getMessage());
            }
        }

        @Override
        public void onError(Throwable t) {
            fail("the relay stream ended: " + Status.fromThrowable(t).getCode() + " "
                    + String.valueOf(Status.fromThrowable(t).getDescription()));
        }

        @Override
        public void onCompleted() {
            for (PeerLink link : links.values()) {
                try {
                    if (link.channel != null) {
                        link.channel.transportEnded();
                    }
                } catch (ChannelException e) {
                    fail(link.peer, e.getMessage());
                }
            }
        }
    }

    /** One peer: its channel, its reassembly buffer and its queue of whole engine frames. */
    private final class PeerLink {
        final Participant peer;
        final boolean initiator;
        final CountDownLatch open = new CountDownLatch(1);
        final BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        volatile SealedChannel channel;
        private boolean responded;

        PeerLink(Participant peer) {
            this.peer = peer;
            this.initiator = settings.self().name().compareTo(peer.name()) < 0;
        }

        void onFrame(RelayKind kind, ByteString payload) throws ChannelException {
            if (kind == RelayKind.HANDSHAKE) {
                handshake(payload.toByteArray());
                return;
            }
            if (kind != RelayKind.SEALED) {
                throw new ChannelException("unknown relay frame kind " + kind + " from " + peer.name());
            }
            // A Closed message needs nothing: the peer finished in order and sends no more.
            if (ByteStringFrames.receive(channel, payload) instanceof ChannelMessage.Data data) {
                reassemble(data.payload());
            }
        }

        private void handshake(byte[] message) throws ChannelException {
            if (initiator) {
                sendData(peer, RelayKind.HANDSHAKE, channel.finish(message));
                open.countDown();
            } else if (open.getCount() > 0 && !responded) {
                responded = true;
                sendData(peer, RelayKind.HANDSHAKE, channel.respond(message));
            } else {
                channel.accept(message);
                open.countDown();
            }
        }

        private void reassemble(byte[] chunk) throws ChannelException {
            if (chunk.length == 0 || (chunk[0] != MORE && chunk[0] != LAST)) {
                throw new ChannelException("malformed chunk from " + peer.name());
            }
            partial.write(chunk, 1, chunk.length - 1);
            if (chunk[0] == LAST) {
                inbox.add(partial.toByteArray());
                partial.reset();
            }
        }
    }
}
