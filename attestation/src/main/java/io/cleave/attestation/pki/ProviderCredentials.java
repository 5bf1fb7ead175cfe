package io.cleave.attestation.pki;

import io.cleave.channel.LocalIdentity;
import io.cleave.channel.PeerVerifier;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.crypto.HpkePublicKey;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import io.cleave.federation.PublishedKey;
import io.cleave.protocols.v1.RecipientKey;
import io.cleave.relay.RelayTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A provider's certified identity, from the same files as its control-plane TLS
 * ({@code cleave provider cert issue}): its key signs sealed-channel handshake transcripts, its
 * chain [provider, organisation CA] is what the peer validates, and the federation root anchors
 * the peer's chain. In joint jobs it is also what the provider checks for itself: its own
 * organisation's consent (with the organisation certificate in its own chain, never one the broker
 * supplies) and the recipients' HPKE keys (each up to the federation root). Thread-safe and
 * immutable; the key stays inside the signer handle.
 */
public final class ProviderCredentials {
    private final LocalIdentity local;
    private final X509Certificate organisationCertificate;
    private final String organisation;
    private final X509Certificate root;

    private ProviderCredentials(LocalIdentity local, X509Certificate organisationCertificate, X509Certificate root)
            throws PkiException {
        this.local = local;
        this.organisationCertificate = organisationCertificate;
        this.organisation = OrganisationKeys.organisationOf(organisationCertificate);
        this.root = root;
    }

    /** @throws IllegalStateException naming the file that is missing or does not hold what it must */
    public static ProviderCredentials load(ControlPlaneTls files) {
        files.requireReadable();
        try {
            List<X509Certificate> chain = PemFiles.readCertificates(files.chain());
            List<X509Certificate> roots = PemFiles.readCertificates(files.root());
            if (roots.size() != 1) {
                throw new IllegalStateException(files.root() + " must hold exactly the federation root certificate, found "
                        + roots.size());
            }
            if (chain.size() != 2) {
                throw new IllegalStateException(files.chain() + " must hold [provider, organisation], found "
                        + chain.size() + " certificates");
            }
            LocalIdentity local = new LocalIdentity(Certificates.encodeChain(chain),
                    PemFiles.readPrivateKey(files.key()).signer());
            return new ProviderCredentials(local, chain.get(1), roots.get(0));
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("cannot load the provider's certificate files: " + e.getMessage(), e);
        }
    }

    public LocalIdentity localIdentity() {
        return local;
    }

    /** The organisation this provider belongs to, as its organisation certificate names it. */
    public String organisation() {
        return organisation;
    }

    /**
     * A verifier that validates each peer chain at the clock's time against the CRLs {@code derCrls}
     * supplies at that moment (fetched from the broker on every handshake, so a revocation holds
     * from the next handshake on). A CRL that does not parse is left out, so its issuer's chains
     * fail closed as "revocation status unknown".
     */
    public PeerVerifier verifier(Clock clock, Supplier<List<byte[]>> derCrls) {
        Objects.requireNonNull(derCrls, "derCrls");
        return new PkiPeerVerifier(new ChainValidator(root, clock, () -> decodeCrls(derCrls.get())));
    }

    /** Peer verification for the relay, with the CRLs the broker hands out when the participant joins. */
    public RelayTransport.VerifierFactory relayVerifiers(Clock clock) {
        return crls -> verifier(clock, () -> crls);
    }

    /**
     * @throws GeneralSecurityException unless {@code signature} is this provider's own organisation's
     *     approval of exactly {@code spec}
     */
    public void requireConsent(JointSpec spec, byte[] signature) throws GeneralSecurityException {
        Consent.requireApproved(spec, organisation, OrganisationKeys.keyOf(organisationCertificate), signature);
    }

    /**
     * The recipients' keys, each checked: organisation certificate issued by the federation root and
     * valid now, HPKE key signed by it, and exactly the recipients the spec names.
     */
    public Map<String, HpkePublicKey> recipients(JointSpec spec, List<RecipientKey> keys, Clock clock)
            throws GeneralSecurityException {
        Map<String, HpkePublicKey> out = new LinkedHashMap<>();
        for (RecipientKey k : keys) {
            X509Certificate certificate;
            try {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(k.getOrganisationCertificate().toByteArray()));
            } catch (CertificateException e) {
                throw new GeneralSecurityException("the certificate of recipient " + k.getOrganisation()
                        + " does not parse");
            }
            out.put(k.getOrganisation(), PublishedKey.verify(OrganisationKeys.verifiedKey(root, certificate,
                    k.getOrganisation(), clock), k.getOrganisation(), k.getHpkePublicKey().toByteArray(),
                    k.getSignature().toByteArray()));
        }
        if (!out.keySet().equals(new LinkedHashSet<>(spec.spec().getRecipientsList()))) {
            throw new GeneralSecurityException("the recipients' keys " + out.keySet() + " are not those of the spec's "
                    + "recipients " + spec.spec().getRecipientsList());
        }
        return out;
    }

    private static List<X509CRL> decodeCrls(List<byte[]> encoded) {
        List<X509CRL> crls = new ArrayList<>();
        for (byte[] der : encoded) {
            try {
                crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (CRLException | CertificateException | ClassCastException e) {
                // Left out: chains of its issuer then fail closed, which is the safe reading of a bad CRL.
            }
        }
        return crls;
    }
}
