package io.cleave.dataplane;

import com.google.protobuf.UnsafeByteOperations;
import io.cleave.channel.ChannelBinding;
import io.cleave.channel.ChannelSettings;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.LocalIdentity;
import io.cleave.channel.PeerVerifier;
import io.cleave.channel.SealedChannel;
import io.cleave.protocols.v1.SealedEnvelope;

/**
 * The sealed channel of one page stream: bound to the job id, with the compute provider (the
 * requester) as initiator in role {@value #REQUESTER_ROLE} and the memory provider as responder in
 * role {@value #SERVER_ROLE}. Each side names the peer it expects from its own assignment, so a
 * certificate of another organisation or provider ends the handshake.
 */
public final class SealedPageStreams {
    public static final String REQUESTER_ROLE = "compute";
    public static final String SERVER_ROLE = "memory";

    private SealedPageStreams() {
    }

    /** @throws IllegalArgumentException if {@code jobId} is not a valid channel job id */
    public static SealedChannel requester(String jobId, LocalIdentity local, ExpectedPeer memoryProvider,
            PeerVerifier verifier) {
        return SealedChannel.initiator(new ChannelBinding(jobId, REQUESTER_ROLE, SERVER_ROLE), local, memoryProvider,
                verifier, ChannelSettings.DEFAULT);
    }

    /** @throws IllegalArgumentException if {@code jobId} is not a valid channel job id */
    public static SealedChannel server(String jobId, LocalIdentity local, ExpectedPeer computeProvider,
            PeerVerifier verifier) {
        return SealedChannel.responder(new ChannelBinding(jobId, SERVER_ROLE, REQUESTER_ROLE), local, computeProvider,
                verifier, ChannelSettings.DEFAULT);
    }

    /** Wraps without copying: the channel hands over fresh arrays that nothing writes to again. */
    public static SealedEnvelope handshake(byte[] message) {
        return SealedEnvelope.newBuilder().setHandshake(UnsafeByteOperations.unsafeWrap(message)).build();
    }

    /** Wraps without copying, as {@link #handshake(byte[])}. */
    public static SealedEnvelope frame(byte[] frame) {
        return SealedEnvelope.newBuilder().setFrame(UnsafeByteOperations.unsafeWrap(frame)).build();
    }
}
