package io.cleave.compute.task;

import io.cleave.channel.ChannelException;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.PageCodec;
import io.cleave.protocols.v1.Column;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.DatasetSource;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.SealedOpen;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Fetches the pages of one partition of one dataset from its memory provider's data plane: inside
 * a sealed channel when this provider has its certificate, else (INSECURE switch) in plaintext.
 */
final class PageClient {
    private static final int PAGES_PER_REQUEST = 64;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final String jobId;
    private final String requesterId;
    private final DataPlaneSecurity security;
    private final Supplier<List<byte[]>> crls;
    private final PagePayloads payloads;

    /** How page requests reach the memory provider. */
    interface Transport {
        /** The pages answering {@code request}, in order; the last one is flagged. */
        List<PageFrame> exchange(PageRequest request) throws ChannelException, InterruptedException;

        /** Ends the exchange in order. */
        void close() throws ChannelException, InterruptedException;
    }

    /**
     * @param crls the federation's current CRLs (DER) from the broker, asked for on every handshake
     * @param payloads how page payloads open: plaintext (TRUSTED) or under released data keys (ENCLAVE)
     */
    PageClient(String jobId, String requesterId, DataPlaneSecurity security, Supplier<List<byte[]>> crls,
            PagePayloads payloads) {
        this.jobId = jobId;
        this.requesterId = requesterId;
        this.security = security;
        this.crls = crls;
        this.payloads = payloads;
    }

    /** All rows of the partition, in the job's order. */
    Dataset fetch(DatasetSource source, Partition partition) {
        List<String> features = source.getSchema().getColumnsList().stream().filter(c -> !c.getLabel())
                .map(Column::getName).toList();
        String label = source.getSchema().getColumnsList().stream().filter(Column::getLabel).map(Column::getName)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("dataset " + source.getDatasetId()
                        + " has no label column in its schema"));
        // The sealed channel protects the pages end to end; the gRPC connection under it needs no TLS of its own.
        ManagedChannel channel = NettyChannelBuilder.forTarget(source.getDataPlaneEndpoint()).usePlaintext().build();
        try {
            Transport transport = security.sealed() ? sealed(channel, source) : new PlaintextTransport(channel);
            List<Dataset> pages = new ArrayList<>();
            int pageCount = -1;
            int next = 0;
            do {
                List<PageFrame> frames = transport.exchange(request(source, partition, next, pageCount));
                for (PageFrame f : frames) {
                    pages.add(PageCodec.decode(payloads.open(jobId, f), f.getRowCount(), features, label));
                    pageCount = f.getPageCount();
                }
                next += frames.size();
            } while (next < pageCount);
            transport.close();
            return Dataset.concat(pages);
        } catch (ChannelException e) {
            throw new IllegalStateException("sealed channel to the memory provider of dataset " + source.getDatasetId()
                    + " failed: " + e.getMessage(), e);
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException("memory provider refused pages of dataset " + source.getDatasetId()
                    + ": " + e.getStatus().getDescription(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching pages", e);
        } finally {
            channel.shutdownNow();
        }
    }

    private Transport sealed(ManagedChannel channel, DatasetSource source) throws ChannelException, InterruptedException {
        SealedOpen open = SealedOpen.newBuilder().setJobId(jobId).setDatasetId(source.getDatasetId())
                .setRequesterProviderId(requesterId).build();
        return SealedPageStream.open(channel, open, security.channelTo(jobId, source, crls), security.traffic(),
                PATIENCE);
    }

    private PageRequest request(DatasetSource source, Partition partition, int first, int pageCount) {
        PageRequest.Builder request = PageRequest.newBuilder().setJobId(jobId).setDatasetId(source.getDatasetId())
                .setRequesterProviderId(requesterId).setGrant(source.getGrant()).setPartition(partition);
        int last = pageCount < 0 ? first + 1 : Math.min(pageCount, first + PAGES_PER_REQUEST);
        for (int p = first; p < last; p++) {
            request.addPageIndices(p);
        }
        return request.build();
    }

    /** One plaintext call per request (the INSECURE development mode). */
    private static final class PlaintextTransport implements Transport {
        private final ManagedChannel channel;

        PlaintextTransport(ManagedChannel channel) {
            this.channel = channel;
        }

        @Override
        public List<PageFrame> exchange(PageRequest request) throws InterruptedException {
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
            requests.onNext(request);
            requests.onCompleted();
            try {
                return done.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StatusRuntimeException s) {
                    throw s;
                }
                throw new IllegalStateException("fetching pages failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the memory provider sent no pages within " + PATIENCE.toSeconds()
                        + " s", e);
            }
        }

        @Override
        public void close() {
            // each request was its own call
        }
    }
}
