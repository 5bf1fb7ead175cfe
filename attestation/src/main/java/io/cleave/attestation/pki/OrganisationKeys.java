package io.cleave.attestation.pki;

import io.cleave.crypto.SignaturePublicKey;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The signing key of an organisation, taken from its CA certificate: what consents and published
 * HPKE keys are verified with. A certificate that came from the broker is checked up to the
 * federation root first; a provider's own organisation certificate comes from its own chain file.
 */
public final class OrganisationKeys {
    private OrganisationKeys() {
    }

    /** The key of a certificate this side already trusts (its own organisation's). */
    public static SignaturePublicKey keyOf(X509Certificate organisationCertificate) throws PkiException {
        return Certificates.publicKeyOf(organisationCertificate);
    }

    /**
     * The key of {@code organisation}'s CA certificate, once it is shown to be issued by the
     * federation root, valid now, and to name that organisation.
     */
    public static SignaturePublicKey verifiedKey(X509Certificate federationRoot, X509Certificate certificate,
            String organisation, Clock clock) throws PkiException {
        try {
            certificate.verify(federationRoot.getPublicKey());
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new PkiException("the certificate of organisation " + organisation
                    + " is not a valid certificate of the federation root: " + e.getMessage());
        }
        String named = Names.single(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), BCStyle.O,
                "organisation");
        if (!named.equals(organisation)) {
            throw new PkiException("the certificate names organisation " + named + ", not " + organisation);
        }
        return Certificates.publicKeyOf(certificate);
    }

    /** The organisation named by a provider chain's second certificate. */
    public static String organisationOf(X509Certificate organisationCertificate) throws PkiException {
        return Names.single(X500Name.getInstance(organisationCertificate.getSubjectX500Principal().getEncoded()),
                BCStyle.O, "organisation");
    }
}
