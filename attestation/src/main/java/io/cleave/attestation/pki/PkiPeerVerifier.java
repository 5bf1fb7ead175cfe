package io.cleave.attestation.pki;

import io.cleave.channel.ChannelException;
import io.cleave.channel.PeerIdentity;
import io.cleave.channel.PeerVerifier;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * A verifier for a participant of a job: {@code derCrls} are the CRLs the broker handed out
     * (each signed by its issuer, so the broker can withhold but not forge one).
     *
     * @throws ChannelException if a CRL does not parse
     */
    public static PkiPeerVerifier fromCrls(X509Certificate federationRoot, Clock clock, List<byte[]> derCrls)
            throws ChannelException {
        List<X509CRL> crls = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : derCrls) {
                crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(der)));
            }
        } catch (CRLException | CertificateException e) {
            throw new ChannelException("a CRL from the broker does not parse: " + e.getMessage());
        }
        List<X509CRL> fixed = List.copyOf(crls);
        return new PkiPeerVerifier(new ChainValidator(federationRoot, clock, () -> fixed));
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
