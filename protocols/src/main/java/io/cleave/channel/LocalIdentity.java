package io.cleave.channel;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.Signer;
import java.util.Objects;

/** This side's certificate chain (as its {@link PeerVerifier} encoding expects) and the matching signer. */
public record LocalIdentity(byte[] certificateChain, Signer signer) {
    static final int MAX_CHAIN_LENGTH = 64 * 1024;

    public LocalIdentity {
        Objects.requireNonNull(signer, "signer");
        if (certificateChain.length == 0 || certificateChain.length > MAX_CHAIN_LENGTH) {
            throw new IllegalArgumentException("certificateChain must be 1.." + MAX_CHAIN_LENGTH
                    + " bytes, got " + certificateChain.length);
        }
        if (signer.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256 && signer.algorithm() != SignatureAlgorithm.ED25519) {
            throw new IllegalArgumentException("unsupported signer algorithm " + signer.algorithm());
        }
        certificateChain = certificateChain.clone();
    }

    @Override
    public byte[] certificateChain() {
        return certificateChain.clone();
    }
}
