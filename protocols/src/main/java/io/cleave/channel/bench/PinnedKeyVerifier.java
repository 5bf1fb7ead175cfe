package io.cleave.channel.bench;

import io.cleave.channel.ChannelException;
import io.cleave.channel.PeerIdentity;
import io.cleave.channel.PeerVerifier;
import io.cleave.crypto.SignaturePublicKey;
import java.util.Arrays;

/**
 * Trusts exactly one peer key, sent as its SubjectPublicKeyInfo in place of a chain: enough for
 * a benchmark whose two ends live in one process, and the same handshake work as with X.509.
 */
final class PinnedKeyVerifier implements PeerVerifier {
    private final PeerIdentity pinned;

    PinnedKeyVerifier(PeerIdentity pinned) {
        this.pinned = pinned;
    }

    @Override
    public PeerIdentity verify(byte[] certificateChain) throws ChannelException {
        if (!Arrays.equals(certificateChain, pinned.signingKey().encoded())) {
            throw new ChannelException("peer certificate rejected: not the pinned key");
        }
        return pinned;
    }

    static byte[] chainOf(SignaturePublicKey key) {
        return key.encoded();
    }
}
