package io.cleave.memory.serve;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cleave.channel.ByteStringFrames;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ChannelMessage;
import io.cleave.channel.ChunkedMessages;
import io.cleave.channel.SealedChannel;
import io.cleave.dataplane.SealedPageStreams;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.SealedEnvelope;
import io.cleave.protocols.v1.SealedOpen;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One {@code SealedPages} call, memory side: the requester names its grant ({@code open}), the
 * handshake proves it is the grantee's certified provider (and this side the memory provider),
 * then each sealed page request is answered with sealed pages, until the requester's close frame. The order open, hello, finish,
 * frames is enforced here; the channel enforces its own. Any refusal ends the call; a channel
 * refusal tells the peer only "sealed channel refused" and logs the reason here. Not thread-safe:
 * gRPC delivers one call's messages one at a time.
 */
final class SealedPageSession implements StreamObserver<SealedEnvelope> {
    private static final Logger LOG = LoggerFactory.getLogger(SealedPageSession.class);

    /** Serves one page request into a sink (PageServer's grant and mode checks included). */
    @FunctionalInterface
    interface PageSource {
        void serve(PageRequest request, PageServer.PageSink sink) throws GrantBook.GrantException, ChannelException;
    }

    private final StreamObserver<SealedEnvelope> out;
    private final DataPlaneSecurity security;
    private final GrantBook grants;
    private final PageSource pages;
    private final BiConsumer<PageRequest, GrantBook.GrantException> refusals;
    private final ChunkedMessages requests = new ChunkedMessages();
    private SealedOpen open;
    private SealedChannel channel;
    private int handshakeMessages;
    private boolean ended;

    SealedPageSession(StreamObserver<SealedEnvelope> out, DataPlaneSecurity security, GrantBook grants,
            PageSource pages, BiConsumer<PageRequest, GrantBook.GrantException> refusals) {
        this.out = out;
        this.security = security;
        this.grants = grants;
        this.pages = pages;
        this.refusals = refusals;
    }

    @Override
    public void onNext(SealedEnvelope envelope) {
        if (ended) {
            return;
        }
        security.traffic().received(envelope);
        try (var ignored = MDC.putCloseable("job_id", open == null ? envelope.getOpen().getJobId() : open.getJobId())) {
            switch (envelope.getBodyCase()) {
                case OPEN -> open(envelope.getOpen());
                case HANDSHAKE -> handshake(envelope.getHandshake());
                case FRAME -> frame(envelope.getFrame());
                case BODY_NOT_SET -> throw new IllegalArgumentException("empty sealed envelope");
            }
        } catch (GrantBook.GrantException e) {
            refusals.accept(asRequest(open), e);
            end(Status.PERMISSION_DENIED.withDescription(e.getMessage()));
        } catch (ChannelException e) {
            LOG.warn("Sealed channel for job {} refused: {}", open.getJobId(), e.getMessage());
            end(Status.PERMISSION_DENIED.withDescription("sealed channel refused"));
        } catch (IllegalArgumentException e) {
            end(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        }
    }

    private void open(SealedOpen request) throws GrantBook.GrantException {
        if (open != null) {
            throw new IllegalArgumentException("the sealed page stream was already opened");
        }
        open = request;
        channel = security.channelFor(grants.grantee(request.getJobId(), request.getDatasetId(),
                request.getRequesterProviderId()));
    }

    /** The hello (answered with the response), then the finish that opens the channel. */
    private void handshake(ByteString message) throws ChannelException {
        if (channel == null || channel.isOpen()) {
            throw new IllegalArgumentException("unexpected handshake message: " + (channel == null
                    ? "the stream must begin with open" : "the channel is already open"));
        }
        if (handshakeMessages++ == 0) {
            send(SealedPageStreams.handshake(channel.respond(message.toByteArray())));
        } else {
            channel.accept(message.toByteArray());
        }
    }

    private void frame(ByteString frame) throws ChannelException, GrantBook.GrantException {
        if (channel == null || !channel.isOpen()) {
            throw new IllegalArgumentException("unexpected frame before the handshake completed");
        }
        ChannelMessage message = ByteStringFrames.receive(channel, frame);
        if (message instanceof ChannelMessage.Data data) {
            byte[] request = requests.add(data);
            if (request != null) {
                answer(parse(request));
            }
        } else {
            // The requester's close; this side's answers all ended with a sealed "last" flag, so ending
            // the call suffices.
            ended = true;
            out.onCompleted();
        }
    }

    private void answer(PageRequest request) throws ChannelException, GrantBook.GrantException {
        if (!request.getJobId().equals(open.getJobId()) || !request.getDatasetId().equals(open.getDatasetId())
                || !request.getRequesterProviderId().equals(open.getRequesterProviderId())) {
            throw new GrantBook.GrantException("a page request for job " + request.getJobId() + " and dataset "
                    + request.getDatasetId() + " does not match the sealed channel's job " + open.getJobId()
                    + " and dataset " + open.getDatasetId());
        }
        pages.serve(request, page -> {
            for (byte[] sealed : ChunkedMessages.seal(channel, page.toByteArray())) {
                send(SealedPageStreams.frame(sealed));
            }
        });
    }

    private static PageRequest parse(byte[] request) {
        try {
            return PageRequest.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed page request inside the sealed channel");
        }
    }

    private static PageRequest asRequest(SealedOpen open) {
        return open == null ? PageRequest.getDefaultInstance() : PageRequest.newBuilder().setJobId(open.getJobId())
                .setDatasetId(open.getDatasetId()).setRequesterProviderId(open.getRequesterProviderId()).build();
    }

    private void send(SealedEnvelope envelope) {
        out.onNext(security.traffic().sent(envelope));
    }

    private void end(Status status) {
        ended = true;
        out.onError(status.asRuntimeException());
    }

    @Override
    public void onError(Throwable t) {
        ended = true;
    }

    @Override
    public void onCompleted() {
        if (ended) {
            return;
        }
        ended = true;
        if (channel != null) {
            try {
                channel.transportEnded();
            } catch (ChannelException e) {
                LOG.warn("Sealed page stream of job {} ended early: {}", open.getJobId(), e.getMessage());
            }
        }
        out.onCompleted();
    }

    /** Swallows the messages of a call that was refused at once. */
    static final class Ignored implements StreamObserver<SealedEnvelope> {
        @Override
        public void onNext(SealedEnvelope value) {
            // refused already
        }

        @Override
        public void onError(Throwable t) {
            // refused already
        }

        @Override
        public void onCompleted() {
            // refused already
        }
    }
}
