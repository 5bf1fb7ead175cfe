package io.cleave.channel;

import io.cleave.crypto.SignatureAlgorithm;
import java.util.function.UnaryOperator;

/**
 * Two ends of one job's channel (party0 initiates to party1) with hooks to tamper with handshake
 * messages. Identities are generated once per algorithm and shared: key generation would
 * otherwise dominate the mutation and fuzz tests, and every pair still has fresh ephemerals.
 */
final class ChannelPair {
    static final String JOB = "job-7";

    private static final Identities ECDSA = new Identities(SignatureAlgorithm.ECDSA_P256_SHA256);
    private static final Identities ED25519 = new Identities(SignatureAlgorithm.ED25519);

    private record Identities(TestIdentities authority, TestIdentities.Party party0, TestIdentities.Party party1) {
        Identities(SignatureAlgorithm algorithm) {
            this(new TestIdentities(), algorithm);
        }

        private Identities(TestIdentities authority, SignatureAlgorithm algorithm) {
            this(authority, authority.issue("org-a", "compute-a", algorithm), authority.issue("org-b", "compute-b", algorithm));
        }
    }

    final SealedChannel initiator;
    final SealedChannel responder;

    private ChannelPair(Identities ids) {
        initiator = SealedChannel.initiator(new ChannelBinding(JOB, "party0", "party1"), ids.party0().local(),
                ids.party1().asPeer(), ids.authority(), ChannelSettings.DEFAULT);
        responder = SealedChannel.responder(new ChannelBinding(JOB, "party1", "party0"), ids.party1().local(),
                ids.party0().asPeer(), ids.authority(), ChannelSettings.DEFAULT);
    }

    ChannelPair() {
        this(ECDSA);
    }

    /** Ed25519 signatures have one length, so every handshake message has the same length each run. */
    static ChannelPair withFixedLengthMessages() {
        return new ChannelPair(ED25519);
    }

    /** Runs the handshake; {@code tamper[i]} rewrites message i (hello, response, finish) in transit. */
    @SafeVarargs
    final ChannelPair handshake(UnaryOperator<byte[]>... tamper) throws ChannelException {
        byte[] hello = initiator.hello();
        byte[] response = responder.respond(apply(tamper, 0, hello));
        byte[] finish = initiator.finish(apply(tamper, 1, response));
        responder.accept(apply(tamper, 2, finish));
        return this;
    }

    static ChannelPair open() throws ChannelException {
        return new ChannelPair().handshake();
    }

    private static byte[] apply(UnaryOperator<byte[]>[] tamper, int index, byte[] message) {
        return index < tamper.length ? tamper[index].apply(message) : message;
    }
}
