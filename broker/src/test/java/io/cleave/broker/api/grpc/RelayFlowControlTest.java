package io.cleave.broker.api.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cleave.broker.relay.RelayHub;
import io.cleave.mpc.Participant;
import io.cleave.protocols.v1.RelayData;
import io.cleave.protocols.v1.RelayGrpc;
import io.cleave.protocols.v1.RelayJoin;
import io.cleave.protocols.v1.RelayKind;
import io.cleave.protocols.v1.RelayMessage;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's flow control on real sockets: a receiver that stops reading holds its sender back
 * instead of filling the broker's memory, and everything arrives, in order per sender, once it
 * reads again.
 * The bytes the hub has forwarded are counted by its tap.
 */
class RelayFlowControlTest {
    private static final int FRAME = 64 * 1024;
    private static final int FRAMES = 1024;
    private final AtomicLong forwarded = new AtomicLong();
    private RelayHub hub;
    private RelayServer server;

    @BeforeEach
    void start() throws Exception {
        hub = new RelayHub((job, participant, caller) -> { },
                (job, from, to, kind, payload) -> forwarded.addAndGet(payload.remaining()), List::of);
        server = new RelayServer(hub);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void stalledReceiver_holdsSenderAndDealerBack_thenEverythingArrivesInOrder() throws Exception {
        StalledReceiver receiver = new StalledReceiver();
        StreamObserver<RelayMessage> receiverOut = RelayGrpc.newStub(server.channel()).connect(receiver);
        receiverOut.onNext(join(Participant.PARTY_1));
        receiver.joined.get(10, TimeUnit.SECONDS);

        StreamObserver<RelayMessage> sender = RelayGrpc.newStub(server.channel()).connect(new Ignoring());
        sender.onNext(join(Participant.PARTY_0));
        long sent = 0;
        for (int i = 0; i < FRAMES; i++) {
            sender.onNext(frame(i));
            sent += FRAME;
        }
        long stalledAt = awaitSteady();
        assertTrue(stalledAt < sent / 4, "the broker forwarded " + (stalledAt >> 20) + " MiB of " + (sent >> 20)
                + " MiB to a receiver that reads nothing");

        CompletableFuture<Void> dealerSend = CompletableFuture.runAsync(
                () -> hub.dealerTransport("job-1").send(Participant.PARTY_1, new byte[] {7}));
        Thread.sleep(500);
        assertFalse(dealerSend.isDone(), "the dealer's send returned while its receiver read nothing");

        receiver.readAll();
        receiver.frames.get(60, TimeUnit.SECONDS);
        dealerSend.get(10, TimeUnit.SECONDS);
        assertEquals(sent + 1, forwarded.get());
        List<RelayData> fromSender = receiver.received.stream().filter(d -> d.getPeer().equals("party-0")).toList();
        assertEquals(FRAMES, fromSender.size());
        for (int i = 0; i < FRAMES; i++) {
            assertArrayEquals(frame(i).getData().getPayload().toByteArray(), fromSender.get(i).getPayload().toByteArray(),
                    "frame " + i);
        }
        assertEquals(List.of(RelayKind.DEALER), receiver.received.stream().filter(d -> d.getPeer().equals("dealer"))
                .map(RelayData::getKind).toList());
        sender.onCompleted();
        receiverOut.onCompleted();
    }

    /** Waits until the forwarded count stops growing for a second; returns it. */
    private long awaitSteady() throws InterruptedException {
        long last = -1;
        long now = forwarded.get();
        while (now != last) {
            last = now;
            Thread.sleep(1000);
            now = forwarded.get();
        }
        return now;
    }

    private static RelayMessage join(Participant participant) {
        return RelayMessage.newBuilder().setJoin(RelayJoin.newBuilder().setJobId("job-1")
                .setParticipant(participant.name())).build();
    }

    /** Frame {@code i}: its number in every int of the payload, so order and content can be checked. */
    private static RelayMessage frame(int i) {
        ByteBuffer payload = ByteBuffer.allocate(FRAME);
        while (payload.hasRemaining()) {
            payload.putInt(i);
        }
        return RelayMessage.newBuilder().setData(RelayData.newBuilder().setPeer("party-1").setKind(RelayKind.SEALED)
                .setPayload(ByteString.copyFrom(payload.flip()))).build();
    }

    /** Takes the JOINED answer, then reads nothing until {@link #readAll}. */
    private static final class StalledReceiver implements ClientResponseObserver<RelayMessage, RelayMessage> {
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        final CompletableFuture<Void> frames = new CompletableFuture<>();
        final List<RelayData> received = new CopyOnWriteArrayList<>();
        private ClientCallStreamObserver<RelayMessage> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<RelayMessage> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(1);
        }

        void readAll() {
            call.request(Integer.MAX_VALUE);
        }

        @Override
        public void onNext(RelayMessage message) {
            if (message.hasJoined()) {
                joined.complete(null);
                return;
            }
            received.add(message.getData());
            if (received.size() == FRAMES + 1) {
                frames.complete(null);
            }
        }

        @Override
        public void onError(Throwable t) {
            joined.completeExceptionally(t);
            frames.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            frames.complete(null);
        }
    }

    private static final class Ignoring implements StreamObserver<RelayMessage> {
        @Override
        public void onNext(RelayMessage value) {
            // the JOINED answer
        }

        @Override
        public void onError(Throwable t) {
            // the test checks what arrived, not how the sender's stream ended
        }

        @Override
        public void onCompleted() {
            // as above
        }
    }
}
