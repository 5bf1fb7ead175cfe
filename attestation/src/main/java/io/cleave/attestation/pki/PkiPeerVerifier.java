package io.cleave.attestation.pki;

import io.cleave.channel.ChannelException;
import io.cleave.channel.PeerIdentity;
import io.cleave.channel.PeerVerifier;
import java.util.Objects;

/**
 * The sealed channel's {@link PeerVerifier} on the federation PKI: the peer's chain is the
 * {@link Certificates#encodeChain} form of [provider, organisation], validated now, with the
 * current CRLs. Every refusal becomes a ChannelException "peer certificate rejected: <reason>".
 */
public final class PkiPeerVerifier implements PeerVerifier {
    private final ChainValidator validator;

    public PkiPeerVerifier(ChainValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    @Override
    public PeerIdentity verify(byte[] certificateChain) throws ChannelException {
        try {
            ProviderIdentity identity = validator.validate(certificateChain);
            return new PeerIdentity(identity.organisation(), identity.provider(), identity.key());
        } catch (PkiException e) {
            throw new ChannelException("peer certificate rejected: " + e.getMessage());
        }
    }
}
