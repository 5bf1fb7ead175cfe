package io.cleave.broker.api.grpc;

import com.google.protobuf.ByteString;
import io.cleave.broker.audit.AuditLog;
import io.cleave.protocols.v1.AuditLogViewGrpc;
import io.cleave.protocols.v1.CheckpointRequest;
import io.cleave.protocols.v1.ConsistencyProof;
import io.cleave.protocols.v1.ConsistencyRequest;
import io.cleave.protocols.v1.SignedCheckpoint;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** The audit log's checkpoint and consistency proofs for providers, on the control-plane port. */
@Singleton
final class AuditLogEndpoint extends AuditLogViewGrpc.AuditLogViewImplBase {
    private final AuditLog log;

    AuditLogEndpoint(AuditLog log) {
        this.log = log;
    }

    @Override
    public void latestCheckpoint(CheckpointRequest request, StreamObserver<SignedCheckpoint> out) {
        out.onNext(SignedCheckpoint.newBuilder().setNote(log.signedCheckpoint())
                .setVerifierKey(log.verifierKey().encoded()).build());
        out.onCompleted();
    }

    @Override
    public void consistency(ConsistencyRequest request, StreamObserver<ConsistencyProof> out) {
        ConsistencyProof.Builder proof = ConsistencyProof.newBuilder();
        try {
            log.consistencyProof(request.getFromSize(), request.getToSize())
                    .forEach(h -> proof.addHashes(ByteString.copyFrom(h)));
        } catch (IllegalArgumentException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(proof.build());
        out.onCompleted();
    }
}
