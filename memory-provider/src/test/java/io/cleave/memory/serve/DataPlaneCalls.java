package io.cleave.memory.serve;

import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One page request over a real channel, as a compute provider makes it. */
final class DataPlaneCalls {
    private DataPlaneCalls() {
    }

    /** The frames answering {@code request}; an ExecutionException carries the refusal status. */
    static List<PageFrame> fetch(ManagedChannel channel, PageRequest request) throws Exception {
        CompletableFuture<List<PageFrame>> done = new CompletableFuture<>();
        List<PageFrame> frames = new ArrayList<>();
        StreamObserver<PageRequest> requests = DataPlaneGrpc.newStub(channel).pages(new StreamObserver<>() {
            public void onNext(PageFrame f) {
                frames.add(f);
            }

            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            public void onCompleted() {
                done.complete(frames);
            }
        });
        requests.onNext(request);
        requests.onCompleted();
        return done.get(10, TimeUnit.SECONDS);
    }
}
