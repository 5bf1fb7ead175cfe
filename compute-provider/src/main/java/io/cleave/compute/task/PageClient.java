package io.cleave.compute.task;

import io.cleave.dataset.Dataset;
import io.cleave.dataset.PageCodec;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.DatasetSource;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.Column;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fetches the pages of one partition of one dataset from its memory provider's data plane. */
final class PageClient {
    private static final int PAGES_PER_REQUEST = 64;
    private final String jobId;
    private final String requesterId;
    private final PagePayloads payloads;

    /** A client of plaintext pages (TRUSTED jobs). */
    PageClient(String jobId, String requesterId) {
        this(jobId, requesterId, PagePayloads.PLAINTEXT);
    }

    PageClient(String jobId, String requesterId, PagePayloads payloads) {
        this.jobId = jobId;
        this.requesterId = requesterId;
        this.payloads = payloads;
    }

    /** All rows of the partition, in the job's order. */
    Dataset fetch(DatasetSource source, Partition partition) {
        List<String> features = source.getSchema().getColumnsList().stream().filter(c -> !c.getLabel())
                .map(Column::getName).toList();
        String label = source.getSchema().getColumnsList().stream().filter(Column::getLabel).map(Column::getName)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("dataset " + source.getDatasetId()
                        + " has no label column in its schema"));
        // Plaintext transport carries TRUSTED pages only; the sealed channel is the way for every other mode.
        ManagedChannel channel = NettyChannelBuilder.forTarget(source.getDataPlaneEndpoint()).usePlaintext().build();
        try {
            List<Dataset> pages = new ArrayList<>();
            int pageCount = -1;
            int next = 0;
            do {
                List<PageFrame> frames = request(channel, source, partition, next, pageCount);
                for (PageFrame f : frames) {
                    pages.add(PageCodec.decode(payloads.open(jobId, f), f.getRowCount(), features, label));
                    pageCount = f.getPageCount();
                }
                next += frames.size();
            } while (next < pageCount);
            return Dataset.concat(pages);
        } finally {
            channel.shutdownNow();
        }
    }

    private List<PageFrame> request(ManagedChannel channel, DatasetSource source, Partition partition, int first,
            int pageCount) {
        PageRequest.Builder request = PageRequest.newBuilder().setJobId(jobId).setDatasetId(source.getDatasetId())
                .setRequesterProviderId(requesterId).setGrant(source.getGrant()).setPartition(partition);
        int last = pageCount < 0 ? first + 1 : Math.min(pageCount, first + PAGES_PER_REQUEST);
        for (int p = first; p < last; p++) {
            request.addPageIndices(p);
        }
        CompletableFuture<List<PageFrame>> done = new CompletableFuture<>();
        List<PageFrame> frames = new ArrayList<>();
        StreamObserver<PageRequest> requests = DataPlaneGrpc.newStub(channel).pages(new StreamObserver<>() {
            @Override
            public void onNext(PageFrame frame) {
                frames.add(frame);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(frames);
            }
        });
        requests.onNext(request.build());
        requests.onCompleted();
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw new IllegalStateException("memory provider refused pages of dataset " + source.getDatasetId()
                        + ": " + s.getStatus().getDescription(), s);
            }
            throw new IllegalStateException("fetching pages failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("memory provider at " + source.getDataPlaneEndpoint()
                    + " sent no pages within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching pages", e);
        }
    }
}
