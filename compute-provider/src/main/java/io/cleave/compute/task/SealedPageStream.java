package io.cleave.compute.task;

import com.google.protobuf.InvalidProtocolBufferException;
import io.cleave.channel.ByteStringFrames;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ChannelMessage;
import io.cleave.channel.ChunkedMessages;
import io.cleave.channel.SealedChannel;
import io.cleave.dataplane.SealedPageStreams;
import io.cleave.dataplane.SealedTraffic;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.SealedEnvelope;
import io.cleave.protocols.v1.SealedOpen;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code SealedPages} call, compute side: open, handshake (this side initiates), then page
 * requests and their pages as sealed, chunked messages, and an orderly close. Every wait is
 * bounded. Used by one thread.
 */
final class SealedPageStream implements PageClient.Transport {
    private static final Object COMPLETED = new Object();

    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final SealedChannel channel;
    private final SealedTraffic traffic;
    private final Duration patience;
    private final ChunkedMessages pages = new ChunkedMessages();
    private final StreamObserver<SealedEnvelope> requests;

    private SealedPageStream(ManagedChannel grpc, SealedChannel channel, SealedTraffic traffic, Duration patience) {
        this.channel = channel;
        this.traffic = traffic;
        this.patience = patience;
        this.requests = DataPlaneGrpc.newStub(grpc).sealedPages(new StreamObserver<>() {
            @Override
            public void onNext(SealedEnvelope envelope) {
                inbox.add(envelope);
            }

            @Override
            public void onError(Throwable t) {
                inbox.add(t);
            }

            @Override
            public void onCompleted() {
                inbox.add(COMPLETED);
            }
        });
    }

    /** Opens the stream and completes the handshake: the memory provider is then proven to be the expected one. */
    static SealedPageStream open(ManagedChannel grpc, SealedOpen open, SealedChannel channel, SealedTraffic traffic,
            Duration patience) throws ChannelException, InterruptedException {
        SealedPageStream stream = new SealedPageStream(grpc, channel, traffic, patience);
        stream.requests.onNext(SealedEnvelope.newBuilder().setOpen(open).build());
        stream.send(SealedPageStreams.handshake(channel.hello()));
        SealedEnvelope response = stream.next("the handshake response");
        if (!response.hasHandshake()) {
            throw new ChannelException("expected the handshake response, got " + response.getBodyCase());
        }
        stream.send(SealedPageStreams.handshake(channel.finish(response.getHandshake().toByteArray())));
        return stream;
    }

    @Override
    public List<PageFrame> exchange(PageRequest request) throws ChannelException, InterruptedException {
        for (byte[] frame : ChunkedMessages.seal(channel, request.toByteArray())) {
            send(SealedPageStreams.frame(frame));
        }
        List<PageFrame> frames = new ArrayList<>();
        PageFrame frame;
        do {
            frame = nextPage();
            frames.add(frame);
        } while (!frame.getLast());
        return frames;
    }

    /**
     * Ends the channel in order and waits until the memory provider ends the call. Its side needs no
     * close frame: every answer it owes ends with a sealed "last" flag, so nothing it sent can be cut.
     */
    @Override
    public void close() throws ChannelException, InterruptedException {
        send(SealedPageStreams.frame(channel.close()));
        requests.onCompleted();
        Object item = inbox.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (item != COMPLETED) {
            throw new IllegalStateException("the memory provider did not end the sealed page stream after the close: "
                    + (item == null ? "nothing within " + patience.toSeconds() + " s" : item));
        }
    }

    private PageFrame nextPage() throws ChannelException, InterruptedException {
        while (true) {
            SealedEnvelope envelope = next("a page");
            if (!envelope.hasFrame()) {
                throw new ChannelException("expected a sealed frame, got " + envelope.getBodyCase());
            }
            if (!(ByteStringFrames.receive(channel, envelope.getFrame()) instanceof ChannelMessage.Data data)) {
                throw new ChannelException("the memory provider closed the channel in the middle of a request");
            }
            byte[] page = pages.add(data);
            if (page != null) {
                try {
                    return PageFrame.parseFrom(page);
                } catch (InvalidProtocolBufferException e) {
                    throw new ChannelException("malformed page inside the sealed channel");
                }
            }
        }
    }

    private void send(SealedEnvelope envelope) {
        requests.onNext(traffic.sent(envelope));
    }

    private SealedEnvelope next(String what) throws ChannelException, InterruptedException {
        Object item = inbox.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (item instanceof SealedEnvelope envelope) {
            traffic.received(envelope);
            return envelope;
        }
        if (item instanceof StatusRuntimeException e) {
            throw e;
        }
        if (item instanceof Throwable t) {
            throw new IllegalStateException("the sealed page stream failed", t);
        }
        if (item == COMPLETED) {
            throw new ChannelException("the memory provider ended the stream while this side waited for " + what);
        }
        throw new IllegalStateException("the memory provider sent nothing within " + patience.toSeconds()
                + " s while this side waited for " + what);
    }
}
