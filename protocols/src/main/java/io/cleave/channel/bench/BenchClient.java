package io.cleave.channel.bench;

import io.cleave.channel.ChannelException;
import io.cleave.channel.SealedChannel;
import io.cleave.protocols.v1.BenchChunk;
import io.cleave.protocols.v1.ChannelBenchGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Client side of one benchmark call. Sends only while the transport is ready (gRPC outbound flow
 * control), so memory stays bounded and the figure is the stream's real pace.
 */
final class BenchClient {
    private static final long TIMEOUT_SECONDS = 120;

    private final ChannelBenchGrpc.ChannelBenchStub stub;
    private final Supplier<SealedChannel> initiators;

    /** @param initiators a fresh sealed initiator per call, or null for raw runs */
    BenchClient(ChannelBenchGrpc.ChannelBenchStub stub, Supplier<SealedChannel> initiators) {
        this.stub = stub;
        this.initiators = initiators;
    }

    /** Pushes {@code bytes} of plaintext in frames of {@code payload}; returns nanoseconds for the data phase. */
    long push(byte[] payload, long bytes) throws ChannelException, InterruptedException {
        Call call = new Call();
        stub.stream(call);
        SealedChannel channel = initiators == null ? null : initiators.get();
        if (channel != null) {
            call.send(BenchChunk.newBuilder().setPayload(ChannelBenchmark.wrap(channel.hello())).build());
            byte[] finish = channel.finish(call.next().getPayload().toByteArray());
            call.send(BenchChunk.newBuilder().setPayload(ChannelBenchmark.wrap(finish)).build());
        }
        long start = System.nanoTime();
        for (long sent = 0; sent < bytes; sent += payload.length) {
            byte[] frame = channel == null ? payload : channel.seal(payload);
            call.send(BenchChunk.newBuilder().setPayload(ChannelBenchmark.wrap(frame)).build());
        }
        byte[] last = channel == null ? new byte[0] : channel.close();
        call.send(BenchChunk.newBuilder().setPayload(ChannelBenchmark.wrap(last)).setLast(true).build());
        long received = call.next().getReceivedBytes();
        long nanos = System.nanoTime() - start;
        call.requests.onCompleted();
        long expected = ((bytes + payload.length - 1) / payload.length) * payload.length;
        if (received != expected) {
            throw new IllegalStateException("server accepted " + received + " bytes, expected " + expected);
        }
        return nanos;
    }

    private static final class Call implements ClientResponseObserver<BenchChunk, BenchChunk> {
        private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
        private final Object ready = new Object();
        private ClientCallStreamObserver<BenchChunk> requests;

        @Override
        public void beforeStart(ClientCallStreamObserver<BenchChunk> requestStream) {
            requests = requestStream;
            requestStream.setOnReadyHandler(() -> {
                synchronized (ready) {
                    ready.notifyAll();
                }
            });
        }

        void send(BenchChunk chunk) throws InterruptedException {
            synchronized (ready) {
                while (!requests.isReady()) {
                    ready.wait(100);
                }
            }
            requests.onNext(chunk);
        }

        BenchChunk next() throws InterruptedException {
            Object reply = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reply instanceof BenchChunk chunk) {
                return chunk;
            }
            throw new IllegalStateException("benchmark stream failed: " + (reply == null ? "timeout" : reply));
        }

        @Override
        public void onNext(BenchChunk value) {
            replies.add(value);
        }

        @Override
        public void onError(Throwable t) {
            replies.add(t);
        }

        @Override
        public void onCompleted() {
            // The summary already arrived through onNext.
        }
    }
}
