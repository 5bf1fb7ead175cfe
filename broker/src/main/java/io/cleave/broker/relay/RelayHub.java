package io.cleave.broker.relay;

import io.cleave.attestation.pki.ProviderIdentity;
import io.cleave.mpc.Participant;
import io.cleave.mpc.Transport;
import io.cleave.protocols.v1.RelayData;
import io.cleave.protocols.v1.RelayJoined;
import io.cleave.protocols.v1.RelayKind;
import io.cleave.protocols.v1.RelayMessage;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The broker's relay (DESIGN.md §5): forwards opaque frames between the participants of a job
 * that joined over the control plane, in order per sender and destination. It checks only that a
 * caller is the participant it claims to be and sets the source of every frame itself; it never
 * holds a channel key, so provider-to-provider payloads are ciphertext to it. Frames for a
 * participant that has not joined yet wait, up to {@link #MAX_PENDING_BYTES} per job.
 *
 * <p>The dealer runs in the broker: {@link #dealerTransport} sends its frames as kind DEALER,
 * which no provider can send. Thread-safe: one lock per job orders forwarding and joining.
 */
public final class RelayHub {
    /** Frames waiting for a participant that has not joined; beyond this the sender is refused. */
    public static final long MAX_PENDING_BYTES = 256L << 20;

    private final RelayMembership membership;
    private final RelayTap tap;
    private final Supplier<List<byte[]>> crls;
    private final Map<String, JobRelay> jobs = new HashMap<>();

    /** @param crls the current CRLs (DER) handed to each participant that joins */
    public RelayHub(RelayMembership membership, RelayTap tap, Supplier<List<byte[]>> crls) {
        this.membership = membership;
        this.tap = tap;
        this.crls = crls;
    }

    /** A joined participant's stream. */
    public static final class Member {
        private final String jobId;
        private final String participant;
        private final StreamObserver<RelayMessage> out;

        private Member(String jobId, String participant, StreamObserver<RelayMessage> out) {
            this.jobId = jobId;
            this.participant = participant;
            this.out = out;
        }

        public String participant() {
            return participant;
        }
    }

    /**
     * Admits {@code caller} as {@code participant} of {@code jobId}, answers RelayJoined, then
     * delivers what was waiting for it.
     *
     * @throws RelayRefused if the caller is not that participant, or it joined already
     */
    public Member join(String jobId, String participant, @Nullable ProviderIdentity caller,
            StreamObserver<RelayMessage> out) {
        if (Participant.DEALER.name().equals(participant)) {
            throw new RelayRefused("the dealer runs in the broker; no provider can join as it");
        }
        membership.requireParticipant(jobId, participant, caller);
        RelayJoined.Builder joined = RelayJoined.newBuilder();
        crls.get().forEach(c -> joined.addCrls(com.google.protobuf.ByteString.copyFrom(c)));
        JobRelay job = job(jobId);
        synchronized (job) {
            if (job.members.containsKey(participant)) {
                throw new RelayRefused(participant + " of job " + jobId + " is already connected");
            }
            Member member = new Member(jobId, participant, out);
            out.onNext(RelayMessage.newBuilder().setJoined(joined).build());
            for (RelayMessage waiting : job.pending.getOrDefault(participant, List.of())) {
                out.onNext(waiting);
            }
            job.pendingBytes -= job.pending.getOrDefault(participant, List.of()).stream()
                    .mapToLong(m -> m.getData().getPayload().size()).sum();
            job.pending.remove(participant);
            job.members.put(participant, member);
            return member;
        }
    }

    /** Forwards one frame of {@code from}; the source is {@code from}'s participant name whatever it claims. */
    public void forward(Member from, RelayData data) {
        if (data.getKind() != RelayKind.HANDSHAKE && data.getKind() != RelayKind.SEALED) {
            throw new RelayRefused("participants send HANDSHAKE or SEALED frames only, not " + data.getKind());
        }
        deliver(from.jobId, from.participant, data.getPeer(), data.getKind(), data.getPayload());
    }

    /** The participant's stream ended. */
    public void leave(Member member) {
        JobRelay job = job(member.jobId);
        synchronized (job) {
            job.members.remove(member.participant, member);
        }
    }

    /** Forgets a job that ended: its waiting frames are dropped and its streams completed. */
    public void endJob(String jobId) {
        JobRelay job;
        synchronized (jobs) {
            job = jobs.remove(jobId);
        }
        if (job != null) {
            synchronized (job) {
                job.members.values().forEach(m -> m.out.onCompleted());
                job.members.clear();
                job.pending.clear();
            }
        }
    }

    /** The dealer's end of a job's network: it only sends (its frames go out as kind DEALER). */
    public Transport dealerTransport(String jobId) {
        return new Transport() {
            @Override
            public Participant self() {
                return Participant.DEALER;
            }

            @Override
            public void send(Participant to, byte[] frame) {
                deliver(jobId, Participant.DEALER.name(), to.name(), RelayKind.DEALER,
                        com.google.protobuf.UnsafeByteOperations.unsafeWrap(frame));
            }

            @Override
            public byte[] receive(Participant from) {
                throw new IllegalStateException("the dealer receives nothing");
            }

            @Override
            public void close() {
                // The relay outlives the dealer: participants may still be reading what it sent.
            }
        };
    }

    private void deliver(String jobId, String from, String to, RelayKind kind, com.google.protobuf.ByteString payload) {
        if (from.equals(to)) {
            throw new RelayRefused(from + " cannot send to itself");
        }
        RelayMessage message = RelayMessage.newBuilder().setData(RelayData.newBuilder().setPeer(from).setKind(kind)
                .setPayload(payload)).build();
        JobRelay job = job(jobId);
        synchronized (job) {
            tap.forwarded(jobId, from, to, kind, payload.asReadOnlyByteBuffer());
            Member member = job.members.get(to);
            if (member != null) {
                member.out.onNext(message);
                return;
            }
            if (job.pendingBytes + payload.size() > MAX_PENDING_BYTES) {
                throw new RelayRefused("more than " + (MAX_PENDING_BYTES >> 20) + " MiB wait for " + to + " of job "
                        + jobId + ", which has not joined");
            }
            job.pendingBytes += payload.size();
            job.pending.computeIfAbsent(to, k -> new ArrayList<>()).add(message);
        }
    }

    private JobRelay job(String jobId) {
        synchronized (jobs) {
            return jobs.computeIfAbsent(jobId, k -> new JobRelay());
        }
    }

    private static final class JobRelay {
        final Map<String, Member> members = new HashMap<>();
        final Map<String, List<RelayMessage>> pending = new HashMap<>();
        long pendingBytes;
    }
}
