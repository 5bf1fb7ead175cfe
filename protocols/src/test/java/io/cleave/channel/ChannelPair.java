package io.cleave.channel;

import io.cleave.crypto.SignatureAlgorithm;
import java.util.function.UnaryOperator;

/** Two ends of one job's channel (party0 initiates to party1) with hooks to tamper with handshake messages. */
final class ChannelPair {
    static final String JOB = "job-7";

    final TestIdentities authority = new TestIdentities();
    final TestIdentities.Party party0;
    final TestIdentities.Party party1;
    final SealedChannel initiator;
    final SealedChannel responder;

    ChannelPair(ChannelSettings settings, SignatureAlgorithm algorithm) {
        party0 = authority.issue("org-a", "compute-a", algorithm);
        party1 = authority.issue("org-b", "compute-b", algorithm);
        initiator = SealedChannel.initiator(new ChannelBinding(JOB, "party0", "party1"), party0.local(),
                party1.asPeer(), authority, settings);
        responder = SealedChannel.responder(new ChannelBinding(JOB, "party1", "party0"), party1.local(),
                party0.asPeer(), authority, settings);
    }

    ChannelPair() {
        this(ChannelSettings.DEFAULT, SignatureAlgorithm.ECDSA_P256_SHA256);
    }

    /** Ed25519 signatures have one length, so every handshake message has the same length each run. */
    static ChannelPair withFixedLengthMessages() {
        return new ChannelPair(ChannelSettings.DEFAULT, SignatureAlgorithm.ED25519);
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
