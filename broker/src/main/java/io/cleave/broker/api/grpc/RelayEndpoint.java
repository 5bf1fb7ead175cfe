package io.cleave.broker.api.grpc;

import io.cleave.broker.relay.RelayHub;
import io.cleave.broker.relay.RelayRefused;
import io.cleave.protocols.v1.RelayGrpc;
import io.cleave.protocols.v1.RelayMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * The relay on the control-plane port: maps each participant's stream to the {@link RelayHub},
 * which also decides when the stream's next frame is read (flow control).
 * The caller is the one its client certificate names ({@link CallerIdentityInterceptor}).
 */
@Singleton
final class RelayEndpoint extends RelayGrpc.RelayImplBase {
    private final RelayHub hub;

    RelayEndpoint(RelayHub hub) {
        this.hub = hub;
    }

    @Override
    public StreamObserver<RelayMessage> connect(StreamObserver<RelayMessage> responses) {
        ServerCallStreamObserver<RelayMessage> out = (ServerCallStreamObserver<RelayMessage>) responses;
        var participant = new StreamObserver<RelayMessage>() {
            private volatile RelayHub.Member member;
            private boolean ended;

            @Override
            public void onNext(RelayMessage message) {
                if (ended) {
                    return;
                }
                try {
                    if (member == null) {
                        if (!message.hasJoin()) {
                            throw new RelayRefused("the first relay message must be a join");
                        }
                        member = hub.join(message.getJoin().getJobId(), message.getJoin().getParticipant(),
                                CallerIdentityInterceptor.CALLER.get(), out);
                    } else if (message.hasData()) {
                        hub.forward(member, message.getData());
                    } else {
                        throw new RelayRefused("after the join only data frames may follow");
                    }
                } catch (RelayRefused | IllegalArgumentException e) {
                    end();
                    out.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                end();
            }

            @Override
            public void onCompleted() {
                end();
                out.onCompleted();
            }

            private void end() {
                ended = true;
                if (member != null) {
                    hub.leave(member);
                }
            }
        };
        RelayHub.manageFlow(out, hub, () -> participant.member);
        return participant;
    }
}
