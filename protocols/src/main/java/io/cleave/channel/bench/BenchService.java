package io.cleave.channel.bench;

import com.google.protobuf.ByteString;
import io.cleave.channel.ByteStringFrames;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ChannelMessage;
import io.cleave.channel.SealedChannel;
import io.cleave.protocols.v1.BenchChunk;
import io.cleave.protocols.v1.ChannelBenchGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * Server side of the benchmark: answers the handshake, then opens frames (sealed) or only counts
 * bytes (raw). A fresh responder channel per call, from {@code responders}; null means raw.
 */
final class BenchService extends ChannelBenchGrpc.ChannelBenchImplBase {
    private final Supplier<SealedChannel> responders;

    BenchService(Supplier<SealedChannel> responders) {
        this.responders = responders;
    }

    @Override
    public StreamObserver<BenchChunk> stream(StreamObserver<BenchChunk> replies) {
        SealedChannel channel = responders == null ? null : responders.get();
        return new StreamObserver<>() {
            private int handshakeMessages;
            private long received;

            @Override
            public void onNext(BenchChunk chunk) {
                try {
                    if (channel == null) {
                        received += chunk.getPayload().size();
                    } else if (handshakeMessages < 2) {
                        handshake(chunk.getPayload().toByteArray());
                    } else if (ByteStringFrames.receive(channel, chunk.getPayload()) instanceof ChannelMessage.Data data) {
                        received += data.length();
                    }
                    if (chunk.getLast()) {
                        replies.onNext(BenchChunk.newBuilder().setReceivedBytes(received).build());
                    }
                } catch (ChannelException e) {
                    replies.onError(Status.PERMISSION_DENIED.withDescription("sealed channel failed").asException());
                }
            }

            private void handshake(byte[] message) throws ChannelException {
                if (handshakeMessages++ == 0) {
                    replies.onNext(BenchChunk.newBuilder().setPayload(ByteString.copyFrom(channel.respond(message))).build());
                } else {
                    channel.accept(message);
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client went away; nothing to clean up beyond the call itself.
            }

            @Override
            public void onCompleted() {
                replies.onCompleted();
            }
        };
    }
}
