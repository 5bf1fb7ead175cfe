package io.cleave.broker.api.grpc;

import io.cleave.broker.attestation.AttestationService;
import io.cleave.broker.attestation.Verdict;
import io.cleave.broker.federation.DatasetRegistration;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.ProviderRegistration;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.job.AssignmentHub;
import io.cleave.broker.job.JobAttempts;
import io.cleave.broker.job.JobService;
import io.cleave.broker.persistence.Provider;
import io.cleave.broker.pki.CertificateRegistry;
import io.cleave.protocols.v1.Assignment;
import io.cleave.protocols.v1.AttestRequest;
import io.cleave.protocols.v1.AttestResponse;
import io.cleave.protocols.v1.AttestationChallengeRequest;
import io.cleave.protocols.v1.AttestationNonce;
import com.google.protobuf.ByteString;
import io.cleave.protocols.v1.AssignmentsRequest;
import io.cleave.protocols.v1.Column;
import io.cleave.protocols.v1.EvidenceFormat;
import io.cleave.protocols.v1.ControlPlaneGrpc;
import io.cleave.protocols.v1.CurrentCrlsRequest;
import io.cleave.protocols.v1.CurrentCrlsResponse;
import io.cleave.protocols.v1.HeartbeatRequest;
import io.cleave.protocols.v1.HeartbeatResponse;
import io.cleave.protocols.v1.ProgressAck;
import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.RegisterDatasetRequest;
import io.cleave.protocols.v1.RegisterDatasetResponse;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.cleave.protocols.v1.RegisterProviderResponse;
import io.cleave.protocols.v1.ResultAck;
import io.cleave.protocols.v1.TaskResult;
import com.google.protobuf.UnsafeByteOperations;
import io.cleave.attestation.pki.Certificates;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gRPC control plane: maps messages to the federation and job services and their errors to statuses. */
@Singleton
final class ControlPlaneEndpoint extends ControlPlaneGrpc.ControlPlaneImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneEndpoint.class);
    private static final int HEARTBEAT_INTERVAL_MS = 2_000;
    private final ProviderService providers;
    private final DatasetService datasets;
    private final JobService jobs;
    private final JobAttempts attempts;
    private final AssignmentHub hub;
    private final TaskResults results;
    private final Clock clock;
    private final CallerCheck callers;
    private final AttestationService attestation;
    private final CertificateRegistry certificates;

    ControlPlaneEndpoint(ProviderService providers, DatasetService datasets, JobService jobs, AssignmentHub hub,
            TaskResults results, Clock clock, CallerCheck callers, AttestationService attestation,
            CertificateRegistry certificates, JobAttempts attempts) {
        this.attempts = attempts;
        this.callers = callers;
        this.attestation = attestation;
        this.certificates = certificates;
        this.providers = providers;
        this.datasets = datasets;
        this.jobs = jobs;
        this.hub = hub;
        this.results = results;
        this.clock = clock;
    }

    @Override
    public void registerProvider(RegisterProviderRequest r, StreamObserver<RegisterProviderResponse> out) {
        unary(out, () -> {
            callers.requireSelf(r.getOrganisation(), r.getName(), r.getKind().name());
            Provider p = providers.register(new ProviderRegistration(r.getOrganisation(), r.getName(),
                    r.getKind().name(), r.getCores(), r.getMemoryBytes(), r.getDataPlaneEndpoint()));
            RegisterProviderResponse.Builder response = RegisterProviderResponse.newBuilder().setProviderId(p.id())
                    .setHeartbeatIntervalMs(HEARTBEAT_INTERVAL_MS)
                    .setAttestationKey(ByteString.copyFrom(attestation.resultKey().encoded()));
            if (r.getEvidenceFormat() != EvidenceFormat.EVIDENCE_FORMAT_UNSPECIFIED) {
                Verdict v = attestation.attestAtRegistration(p.id(), EvidenceMessages.submission(r.getEvidenceFormat(),
                        r.getEvidence(), r.getEndorsementCertificatesList(), ByteString.EMPTY, "", ByteString.EMPTY),
                        callers.certifiedKey());
                if (v.valid()) {
                    response.setAttestationResult(v.resultToken()).setAttestationExpiresAtMs(v.expiresAt().toEpochMilli());
                } else {
                    response.setAttestationRefusal(v.refusal());
                }
            }
            return response.build();
        });
    }

    @Override
    public void attestationChallenge(AttestationChallengeRequest r, StreamObserver<AttestationNonce> out) {
        unary(out, () -> {
            callers.requireProvider(r.getProviderId());
            var challenge = attestation.challenge(r.getProviderId());
            return AttestationNonce.newBuilder().setNonce(ByteString.copyFrom(challenge.nonce()))
                    .setExpiresAtMs(challenge.expiresAt().toEpochMilli()).build();
        });
    }

    @Override
    public void attest(AttestRequest r, StreamObserver<AttestResponse> out) {
        unary(out, () -> {
            callers.requireProvider(r.getProviderId());
            Verdict v = attestation.attest(r.getProviderId(), EvidenceMessages.submission(r.getEvidenceFormat(),
                    r.getEvidence(), r.getEndorsementCertificatesList(), r.getNonce(), r.getJobId(),
                    r.getWorkloadPublicKey()), callers.certifiedKey());
            if (!v.valid()) {
                throw new EvidenceMessages.EvidenceRefused("evidence refused: " + v.refusal());
            }
            return AttestResponse.newBuilder().setAttestationResult(v.resultToken())
                    .setExpiresAtMs(v.expiresAt().toEpochMilli()).build();
        });
    }

    @Override
    public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> out) {
        unary(out, () -> {
            callers.requireProvider(r.getProviderId());
            Provider p = providers.heartbeat(r.getProviderId(), r.getFreeCores(), r.getFreeMemoryBytes());
            return HeartbeatResponse.newBuilder().setBrokerTimeMs(clock.millis())
                    .setAttestationRequested("COMPUTE".equals(p.kind()) && !attestation.isCurrentlyAttested(p.id()))
                    .build();
        });
    }

    @Override
    public void registerDataset(RegisterDatasetRequest r, StreamObserver<RegisterDatasetResponse> out) {
        unary(out, () -> {
            callers.requireProvider(r.getProviderId());
            SchemaView schema = new SchemaView(r.getSchema().getColumnsList().stream()
                    .map(ControlPlaneEndpoint::column).toList());
            var d = datasets.register(new DatasetRegistration(r.getProviderId(), r.getName(), schema, r.getRowCount(),
                    r.getRowsPerPage(), r.getPageCount(), r.getSizeBytes()));
            return RegisterDatasetResponse.newBuilder().setDatasetId(d.id()).build();
        });
    }

    private static SchemaView.ColumnView column(Column c) {
        return new SchemaView.ColumnView(c.getName(), c.getLabel(), c.getMean(), c.getStd());
    }

    @Override
    public void assignments(AssignmentsRequest r, StreamObserver<Assignment> out) {
        try {
            callers.requireProvider(r.getProviderId());
            hub.connect(r.getProviderId(), (ServerCallStreamObserver<Assignment>) out);
        } catch (RuntimeException e) {
            out.onError(status(e).asRuntimeException());
        }
    }

    /**
     * Progress or a sealed checkpoint of the task. A report of an attempt that is no longer current
     * (the job paused, or resumed as a later attempt) is acknowledged as cancelled: that task stops.
     */
    @Override
    public void reportProgress(ProgressReport r, StreamObserver<ProgressAck> out) {
        unary(out, () -> {
            callers.requireProvider(r.getProviderId());
            if (!attempts.isCurrent(r.getJobId(), (int) r.getAttempt())) {
                return ProgressAck.newBuilder().setCancelled(true).build();
            }
            if (r.getCheckpointEpoch() > 0) {
                attempts.recordCheckpoint(r.getJobId(), r.getProviderId(), (int) r.getAttempt(),
                        (int) r.getCheckpointEpoch(), r.getCheckpointCommitment().toByteArray());
                return ProgressAck.getDefaultInstance();
            }
            var job = jobs.reportProgress(r.getJobId(), r.getProviderId(), (int) r.getEpoch(), r.getStep(),
                    r.getSteps(), r.getHasLoss() ? r.getLoss() : null, r.hasExcache() ? r.getExcache() : null);
            return ProgressAck.newBuilder().setCancelled("CANCELLED".equals(job.state())).build();
        });
    }

    @Override
    public void reportResult(TaskResult r, StreamObserver<ResultAck> out) {
        unary(out, () -> {
            callers.requireProvider(r.getProviderId());
            results.accept(r);
            return ResultAck.getDefaultInstance();
        });
    }

    /** Public data (also served over REST); signed by their CAs, so relaying them grants the broker nothing. */
    @Override
    public void currentCrls(CurrentCrlsRequest r, StreamObserver<CurrentCrlsResponse> out) {
        unary(out, () -> {
            CurrentCrlsResponse.Builder response = CurrentCrlsResponse.newBuilder();
            for (X509CRL crl : certificates.currentCrls()) {
                response.addCrls(UnsafeByteOperations.unsafeWrap(Certificates.encodeCrl(crl)));
            }
            return response.build();
        });
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            out.onError(status(e).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    /** The one place errors become statuses: messages of refusals go to the caller, nothing else does. */
    private static Status status(RuntimeException e) {
        if (e instanceof CallerCheck.CallerRefused || e instanceof EvidenceMessages.EvidenceRefused) {
            return Status.PERMISSION_DENIED.withDescription(e.getMessage());
        }
        if (e instanceof FederationException f) {
            Status status = switch (f.kind()) {
                case NOT_FOUND -> Status.NOT_FOUND;
                case CONFLICT -> Status.ALREADY_EXISTS;
                case INVALID -> Status.INVALID_ARGUMENT;
            };
            return status.withDescription(f.getMessage());
        }
        if (e instanceof IllegalStateException) {
            return Status.FAILED_PRECONDITION.withDescription(e.getMessage());
        }
        LOG.error("Control plane call failed", e);
        return Status.INTERNAL.withDescription("internal error");
    }
}
