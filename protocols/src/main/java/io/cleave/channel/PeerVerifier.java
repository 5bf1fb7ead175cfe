package io.cleave.channel;

/**
 * Decides whether a peer's certificate chain is trusted now (issuer, validity, revocation) and
 * says whom it names. Injected so that {@code protocols} does not depend on the PKI; the
 * attestation module provides the X.509 implementation. Must be thread-safe.
 */
@FunctionalInterface
public interface PeerVerifier {
    /**
     * @param certificateChain the chain exactly as the peer sent it (encoding defined by the
     *                         implementation), leaf first
     * @return the verified identity
     * @throws ChannelException with a message that names the reason (expired, revoked, unknown CA…)
     */
    PeerIdentity verify(byte[] certificateChain) throws ChannelException;
}
