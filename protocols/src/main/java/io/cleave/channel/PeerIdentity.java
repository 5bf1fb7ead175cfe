package io.cleave.channel;

import io.cleave.crypto.SignaturePublicKey;
import java.util.Objects;

/**
 * A peer identity that a {@link PeerVerifier} has verified: its organisation, provider name and
 * the certified key it signs handshake transcripts with.
 */
public record PeerIdentity(String organisation, String provider, SignaturePublicKey signingKey) {
    public PeerIdentity {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(signingKey, "signingKey");
    }
}
