package io.cleave.attestation.pki;

import io.cleave.channel.LocalIdentity;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.crypto.HpkePublicKey;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import io.cleave.federation.PublishedKey;
import io.cleave.protocols.v1.RecipientKey;
import io.cleave.relay.RelayTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a provider proves and checks for itself in a joint job, from its own certificate files: its
 * sealed-channel identity, its organisation's consent (verified with the organisation certificate
 * in its own chain, never one the broker supplies), and the recipients' HPKE keys (each checked
 * against its organisation certificate up to the federation root it trusts).
 */
public final class ProviderCredentials {
    private final SigningKeyPair key;
    private final List<X509Certificate> chain;
    private final X509Certificate root;
    private final String organisation;
    private final Clock clock;

    private ProviderCredentials(SigningKeyPair key, List<X509Certificate> chain, X509Certificate root, Clock clock)
            throws PkiException {
        if (chain.size() != 2) {
            throw new PkiException("a provider chain must be [provider, organisation], found " + chain.size()
                    + " certificates");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
        this.root = root;
        this.organisation = OrganisationKeys.organisationOf(chain.get(1));
        this.clock = clock;
    }

    public static ProviderCredentials load(ControlPlaneTls files, Clock clock) throws IOException, PkiException {
        files.requireReadable();
        return new ProviderCredentials(PemFiles.readPrivateKey(files.key()), PemFiles.readCertificates(files.chain()),
                PemFiles.readCertificates(files.root()).get(0), clock);
    }

    public String organisation() {
        return organisation;
    }

    /** The identity this provider signs sealed-channel handshakes with. */
    public LocalIdentity channelIdentity() {
        return new LocalIdentity(Certificates.encodeChain(chain), key.signer());
    }

    /** Peer verification against the federation root this provider trusts, with the CRLs the relay hands out. */
    public RelayTransport.VerifierFactory peerVerifiers() {
        return crls -> PkiPeerVerifier.fromCrls(root, clock, crls);
    }

    /**
     * @throws GeneralSecurityException unless {@code signature} is this provider's own organisation's
     *     approval of exactly {@code spec}
     */
    public void requireConsent(JointSpec spec, byte[] signature) throws GeneralSecurityException {
        Consent.requireApproved(spec, organisation, OrganisationKeys.keyOf(chain.get(1)), signature);
    }

    /**
     * The recipients' keys, each checked: organisation certificate issued by the federation root and
     * valid now, HPKE key signed by it, and exactly the recipients the spec names.
     */
    public Map<String, HpkePublicKey> recipients(JointSpec spec, List<RecipientKey> keys)
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
        if (!out.keySet().equals(new java.util.LinkedHashSet<>(spec.spec().getRecipientsList()))) {
            throw new GeneralSecurityException("the recipients' keys " + out.keySet() + " are not those of the spec's "
                    + "recipients " + spec.spec().getRecipientsList());
        }
        return out;
    }
}
