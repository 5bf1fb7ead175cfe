package io.cleave.broker.relay;

import io.cleave.attestation.pki.ProviderIdentity;
import io.cleave.mpc.Participant;
import io.cleave.mpc.Transport;
import io.cleave.protocols.v1.RelayData;
import io.cleave.protocols.v1.RelayJoined;
import io.cleave.protocols.v1.RelayKind;
import io.cleave.protocols.v1.RelayMessage;
import io.grpc.stub.ServerCallStreamObserver;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
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
 * <p>Flow control, so the broker's memory does not depend on how fast participants read: a
 * participant's next frame is taken off its stream ({@link ServerCallStreamObserver#request}) only
 * once the stream its last frame went to is ready again, so the broker holds at most about
 * {@link #READY_THRESHOLD} per receiving stream plus one frame per sender; a slow receiver slows its
 * senders through HTTP/2 flow control instead of filling the broker. Receivers keep reading from
 * the network whatever their engine does, so two parties that both send before they read still
 * make progress.
 *
 * <p>The dealer runs in the broker: {@link #dealerTransport} sends its frames as kind DEALER,
 * which no provider can send; it waits while its receiver's stream is not ready. Thread-safe: one
 * lock per job orders forwarding, joining and readiness.
 */
public final class RelayHub {
    /** Frames waiting for a participant that has not joined; beyond this the sender is refused. */
    public static final long MAX_PENDING_BYTES = 256L << 20;
    /** Bytes queued on a receiving stream before it stops counting as ready (gRPC's default is 32 KiB). */
    public static final int READY_THRESHOLD = 1 << 20;
    /** How long the dealer waits for a receiver that does not take its frames. */
    static final Duration DEALER_SEND_TIMEOUT = Duration.ofMinutes(2);

    private final RelayMembership membership;
    private final RelayTap tap;
    private final Supplier<List<byte[]>> crls;
    private final Map<String, JobRelay> jobs = new HashMap<>();
    /** Sessions ended ({@link #endJob}): the dealer's frames for them are refused, not kept for nobody. */
    private final java.util.Set<String> ended = new java.util.HashSet<>();

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
        private final ServerCallStreamObserver<RelayMessage> out;
        /** Participants whose next frame waits until this member's stream is ready; guarded by the job. */
        private final List<Member> blockedSenders = new ArrayList<>();

        private Member(String jobId, String participant, ServerCallStreamObserver<RelayMessage> out) {
            this.jobId = jobId;
            this.participant = participant;
            this.out = out;
        }

        public String participant() {
            return participant;
        }
    }

    /**
     * Prepares a participant's stream for flow control: frames are taken off it one at a time, as
     * {@link #forward} allows, and its readiness releases the senders that wait for it. Call once,
     * when the stream starts; {@code member} supplies the member once it has joined (or null).
     */
    public static void manageFlow(ServerCallStreamObserver<RelayMessage> stream, RelayHub hub,
            Supplier<Member> member) {
        stream.disableAutoRequest();
        stream.setOnReadyThreshold(READY_THRESHOLD);
        stream.setOnReadyHandler(() -> {
            Member m = member.get();
            if (m != null) {
                hub.ready(m);
            }
        });
        stream.request(1);
    }

    /**
     * Admits {@code caller} as {@code participant} of {@code jobId}, answers RelayJoined, then
     * delivers what was waiting for it and takes the participant's next frame.
     *
     * @throws RelayRefused if the caller is not that participant, or it joined already
     */
    public Member join(String jobId, String participant, @Nullable ProviderIdentity caller,
            ServerCallStreamObserver<RelayMessage> out) {
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
            out.request(1);
            return member;
        }
    }

    /**
     * Forwards one frame of {@code from}; the source is {@code from}'s participant name whatever it
     * claims. {@code from}'s next frame is taken now if the receiver's stream is ready (or the
     * receiver has not joined, within the pending limit), else when it becomes ready.
     */
    public void forward(Member from, RelayData data) {
        if (data.getKind() != RelayKind.HANDSHAKE && data.getKind() != RelayKind.SEALED) {
            throw new RelayRefused("participants send HANDSHAKE or SEALED frames only, not " + data.getKind());
        }
        JobRelay job = job(from.jobId);
        synchronized (job) {
            Member to = deliver(job, from.jobId, from.participant, data.getPeer(), data.getKind(), data.getPayload());
            if (to == null || to.out.isReady()) {
                from.out.request(1);
            } else {
                to.blockedSenders.add(from);
            }
        }
    }

    /** {@code member}'s stream can take more: the senders waiting for it send their next frame. */
    void ready(Member member) {
        JobRelay job = job(member.jobId);
        synchronized (job) {
            releaseSendersOf(member);
            job.notifyAll();
        }
    }

    /** The participant's stream ended; senders waiting for it go on (their frames wait for a rejoin). */
    public void leave(Member member) {
        JobRelay job = job(member.jobId);
        synchronized (job) {
            job.members.remove(member.participant, member);
            releaseSendersOf(member);
            job.members.values().forEach(m -> m.blockedSenders.remove(member));
            job.notifyAll();
        }
    }

    private static void releaseSendersOf(Member member) {
        member.blockedSenders.forEach(sender -> sender.out.request(1));
        member.blockedSenders.clear();
    }

    /**
     * Forgets a relay session that ended (a job's, or one attempt's of a paused job): its waiting
     * frames are dropped and its streams completed, so its participants' transports fail.
     */
    public void endJob(String jobId) {
        JobRelay job;
        synchronized (jobs) {
            job = jobs.remove(jobId);
            ended.add(jobId);
        }
        if (job != null) {
            synchronized (job) {
                job.members.values().forEach(m -> m.out.onCompleted());
                job.members.clear();
                job.pending.clear();
                job.notifyAll(); // a dealer waiting for room stops waiting for a session that is gone
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
                synchronized (jobs) {
                    if (ended.contains(jobId)) {
                        throw new RelayRefused("relay session " + jobId + " ended: the dealer stops");
                    }
                }
                JobRelay job = job(jobId);
                synchronized (job) {
                    Member receiver = deliver(job, jobId, Participant.DEALER.name(), to.name(), RelayKind.DEALER,
                            com.google.protobuf.UnsafeByteOperations.unsafeWrap(frame));
                    awaitReady(job, receiver);
                }
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

    /** Waits, holding {@code job}'s monitor, until {@code receiver} (if joined) can take more. */
    private static void awaitReady(JobRelay job, @Nullable Member receiver) {
        long deadline = System.nanoTime() + DEALER_SEND_TIMEOUT.toNanos();
        try {
            while (receiver != null && job.members.get(receiver.participant) == receiver && !receiver.out.isReady()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RelayRefused(receiver.participant + " of job " + receiver.jobId
                            + " did not take the dealer's frames within " + DEALER_SEND_TIMEOUT.toSeconds() + " s");
                }
                job.wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayRefused("interrupted while the dealer waited for " + receiver.participant);
        }
    }

    /** Sends to {@code to} if it joined and returns it; else keeps the frame for it and returns null. Holds the job. */
    @Nullable
    private Member deliver(JobRelay job, String jobId, String from, String to, RelayKind kind,
            com.google.protobuf.ByteString payload) {
        if (from.equals(to)) {
            throw new RelayRefused(from + " cannot send to itself");
        }
        RelayMessage message = RelayMessage.newBuilder().setData(RelayData.newBuilder().setPeer(from).setKind(kind)
                .setPayload(payload)).build();
        tap.forwarded(jobId, from, to, kind, payload.asReadOnlyByteBuffer());
        Member member = job.members.get(to);
        if (member != null) {
            member.out.onNext(message);
            return member;
        }
        if (job.pendingBytes + payload.size() > MAX_PENDING_BYTES) {
            throw new RelayRefused("more than " + (MAX_PENDING_BYTES >> 20) + " MiB wait for " + to + " of job "
                    + jobId + ", which has not joined");
        }
        job.pendingBytes += payload.size();
        job.pending.computeIfAbsent(to, k -> new ArrayList<>()).add(message);
        return null;
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
