package io.cleave.broker.attestation;

import java.time.Instant;

/** A nonce the broker issued for one provider's next attestation, and until when it is accepted. */
public record Challenge(byte[] nonce, Instant expiresAt) {
    public Challenge {
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }
}
