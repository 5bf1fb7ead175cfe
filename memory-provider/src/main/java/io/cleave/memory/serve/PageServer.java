package io.cleave.memory.serve;

import com.google.protobuf.UnsafeByteOperations;
import io.cleave.channel.ChannelException;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.PageCodec;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.memory.store.DatasetStore;
import io.cleave.memory.store.PagedDataset;
import com.google.protobuf.ByteString;
import io.cleave.attestation.AttestationException;
import io.cleave.protocols.v1.DataKeyRelease;
import io.cleave.protocols.v1.DataKeyRequest;
import io.cleave.protocols.v1.DataPlaneGrpc;
import io.cleave.protocols.v1.PageFrame;
import io.cleave.protocols.v1.PageRequest;
import io.cleave.protocols.v1.Partition;
import io.cleave.protocols.v1.PayloadEncoding;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.SealedEnvelope;
import io.cleave.protocols.v1.ServeGrant;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The data plane: answers page requests of granted compute providers. A job's partition (train or
 * test rows, in the job's seeded order) is cut into pages of this provider's page size. With this
 * provider's certificate configured, pages travel only inside a sealed channel ({@code SealedPages});
 * the plaintext {@code Pages} call then refuses every request.
 */
@Singleton
final class PageServer extends DataPlaneGrpc.DataPlaneImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(PageServer.class);
    private final DatasetStore store;
    private final GrantBook grants;
    private final Counter pagesServed;
    private final Counter bytesServed;
    private final Counter refused;
    private final DataPlaneSecurity security;
    private final EnclaveKeyRelease enclave;

    /** Where the pages answering one request go: the plaintext stream, or a sealed channel. */
    @FunctionalInterface
    interface PageSink {
        void send(PageFrame frame) throws ChannelException;
    }

    PageServer(DatasetStore store, GrantBook grants, MeterRegistry metrics, DataPlaneSecurity security,
            EnclaveKeyRelease enclave) {
        this.store = store;
        this.grants = grants;
        this.security = security;
        this.enclave = enclave;
        this.pagesServed = Counter.builder("cleave.pages.served").description("Pages served to granted jobs")
                .register(metrics);
        this.bytesServed = Counter.builder("cleave.pages.served.bytes").baseUnit("bytes")
                .description("Payload bytes of the pages served").register(metrics);
        this.refused = Counter.builder("cleave.pages.refused").description("Page requests refused for want of a grant")
                .register(metrics);
    }

    @Override
    public StreamObserver<PageRequest> pages(StreamObserver<PageFrame> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(PageRequest request) {
                try (var ignored = MDC.putCloseable("job_id", request.getJobId())) {
                    if (security.sealed()) {
                        throw new GrantBook.GrantException("this memory provider serves pages only through the sealed "
                                + "channel (SealedPages)");
                    }
                    serve(request, out::onNext);
                } catch (GrantBook.GrantException e) {
                    refuse(request, e);
                    out.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
                } catch (IllegalArgumentException e) {
                    out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                } catch (ChannelException e) {
                    throw new IllegalStateException("a plaintext sink cannot fail as a channel", e);
                }
            }

            @Override
            public void onError(Throwable t) {
                // the requester went away; nothing to clean up
            }

            @Override
            public void onCompleted() {
                out.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<SealedEnvelope> sealedPages(StreamObserver<SealedEnvelope> out) {
        if (!security.sealed()) {
            out.onError(Status.UNIMPLEMENTED.withDescription("this memory provider runs without a certificate and has "
                    + "no sealed data plane").asRuntimeException());
            return new SealedPageSession.Ignored();
        }
        return new SealedPageSession(out, security, grants, this::serve, this::refuse);
    }

    void refuse(PageRequest request, GrantBook.GrantException e) {
        refused.increment();
        LOG.warn("Refused pages of dataset {} for job {} to provider {}: {}", request.getDatasetId(),
                request.getJobId(), request.getRequesterProviderId(), e.getMessage());
    }

    void serve(PageRequest request, PageSink out) throws GrantBook.GrantException, ChannelException {
        ServeGrant grant = grants.check(request.getJobId(), request.getDatasetId(), request.getRequesterProviderId(),
                request.getGrant().toByteArray());
        boolean sealedUnderDataKey = grant.getMode() == ProtectionMode.ENCLAVE;
        if (grant.getMode() != ProtectionMode.TRUSTED && !sealedUnderDataKey) {
            throw new GrantBook.GrantException("job " + request.getJobId() + " is " + grant.getMode()
                    + "; plaintext pages are served to TRUSTED jobs only");
        }
        PagedDataset dataset = store.byBrokerId(request.getDatasetId()).orElseThrow(
                () -> new IllegalArgumentException("this provider holds no dataset " + request.getDatasetId()));
        int[] rows = partitionRows(dataset, grant, request.getPartition());
        int pageCount = (rows.length + dataset.rowsPerPage() - 1) / dataset.rowsPerPage();
        for (int i = 0; i < request.getPageIndicesCount(); i++) {
            int page = request.getPageIndices(i);
            if (page >= pageCount) {
                throw new IllegalArgumentException("page " + page + " is out of range: the " + request.getPartition()
                        + " partition has " + pageCount + " pages");
            }
            int first = page * dataset.rowsPerPage();
            Dataset rowsOfPage = dataset.rows(Arrays.copyOfRange(rows, first,
                    Math.min(rows.length, first + dataset.rowsPerPage())));
            byte[] payload = PageCodec.encode(rowsOfPage);
            if (sealedUnderDataKey) {
                payload = enclave.sealPage(request.getJobId(), request.getDatasetId(), request.getPartition().name(),
                        page, payload);
            }
            out.send(PageFrame.newBuilder().setDatasetId(request.getDatasetId()).setPartition(request.getPartition())
                    .setPageIndex(page).setRowCount(rowsOfPage.rows()).setPageCount(pageCount)
                    .setEncoding(sealedUnderDataKey ? PayloadEncoding.AES_256_GCM_F64_ROWS
                            : PayloadEncoding.PLAINTEXT_F64_ROWS)
                    .setPayload(UnsafeByteOperations.unsafeWrap(payload))
                    .setLast(i == request.getPageIndicesCount() - 1).build());
            pagesServed.increment();
            bytesServed.increment(payload.length);
        }
    }

    @Override
    public void releaseDataKey(DataKeyRequest request, StreamObserver<DataKeyRelease> out) {
        try (var ignored = MDC.putCloseable("job_id", request.getJobId())) {
            byte[] wrapped = enclave.release(request);
            out.onNext(DataKeyRelease.newBuilder().setWrappedDataKey(ByteString.copyFrom(wrapped)).build());
            out.onCompleted();
        } catch (GrantBook.GrantException | AttestationException e) {
            out.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
        } catch (IllegalStateException e) {
            out.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    private static int[] partitionRows(PagedDataset dataset, ServeGrant grant, Partition partition) {
        TrainTestSplit split = TrainTestSplit.of(dataset.rows(), grant.getParameters().getTestFraction(),
                grant.getParameters().getSeed());
        return switch (partition) {
            case TRAIN -> split.train();
            case TEST -> split.test();
            default -> throw new IllegalArgumentException("page requests must name the TRAIN or TEST partition");
        };
    }
}
