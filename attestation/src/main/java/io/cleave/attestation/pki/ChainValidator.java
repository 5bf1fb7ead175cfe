package io.cleave.attestation.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Validates a provider chain [provider, organisation] against the federation root at the
 * injected clock's time: RFC 5280 path validation by the JDK's PKIX validator (signatures,
 * validity, basic constraints, name constraints), then revocation against the current CRLs of
 * both issuers, then Cleave's profile (provider subject, kind, key usage). A chain whose issuer
 * has no current CRL is refused: revocation status unknown is treated as revoked. Thread-safe
 * if the CRL supplier is.
 */
public final class ChainValidator {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final X509Certificate root;
    private final Clock clock;
    private final Supplier<? extends Collection<X509CRL>> crls;

    /** @param crls the latest CRLs of the federation CA and of every organisation CA */
    public ChainValidator(X509Certificate federationRoot, Clock clock, Supplier<? extends Collection<X509CRL>> crls) {
        this.root = Objects.requireNonNull(federationRoot, "federationRoot");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.crls = Objects.requireNonNull(crls, "crls");
    }

    public ProviderIdentity validate(byte[] encodedChain) throws PkiException {
        return validate(Certificates.decodeChain(encodedChain));
    }

    public ProviderIdentity validate(List<X509Certificate> chain) throws PkiException {
        if (chain.size() != 2) {
            throw new PkiException("certificate chain must be [provider, organisation], got " + chain.size() + " certificates");
        }
        Instant now = clock.instant();
        validatePath(chain, now);
        Collection<X509CRL> current = crls.get();
        checkRevocation(chain.get(1), root, current, now, "organisation");
        checkRevocation(chain.get(0), chain.get(1), current, now, "provider");
        return identity(chain.get(0), chain.get(1));
    }

    private void validatePath(List<X509Certificate> chain, Instant now) throws PkiException {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
        } catch (CertPathValidatorException e) {
            throw new PkiException(describe(e, chain), e);
        } catch (GeneralSecurityException e) {
            throw new PkiException("certificate chain could not be validated: " + e.getMessage(), e);
        }
    }

    private static String describe(CertPathValidatorException e, List<X509Certificate> chain) {
        int index = e.getIndex();
        String subject = index >= 0 && index < chain.size()
                ? (index == 0 ? "provider" : "organisation") + " certificate '" + chain.get(index).getSubjectX500Principal() + "'"
                : "certificate chain";
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return subject + " expired";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return subject + " is not yet valid";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return subject + " has an invalid signature";
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return "certificate chain does not lead to this federation's root";
        }
        if (e.getReason() == PKIXReason.INVALID_NAME) {
            return subject + " violates its issuer's name constraints";
        }
        return subject + " rejected: " + e.getMessage();
    }

    private static void checkRevocation(X509Certificate certificate, X509Certificate issuer, Collection<X509CRL> crls,
            Instant now, String what) throws PkiException {
        X509CRL crl = crls.stream()
                .filter(c -> c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()))
                .filter(c -> isCurrent(c, now))
                .filter(c -> signedBy(c, issuer))
                .max((a, b) -> a.getThisUpdate().compareTo(b.getThisUpdate()))
                .orElseThrow(() -> new PkiException("revocation status unknown: no current CRL from '"
                        + issuer.getSubjectX500Principal() + "'"));
        if (crl.getRevokedCertificate(certificate.getSerialNumber()) != null) {
            throw new PkiException(what + " certificate revoked: '" + certificate.getSubjectX500Principal() + "'");
        }
    }

    private static boolean isCurrent(X509CRL crl, Instant now) {
        return !crl.getThisUpdate().toInstant().isAfter(now) && crl.getNextUpdate() != null
                && now.isBefore(crl.getNextUpdate().toInstant());
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ProviderIdentity identity(X509Certificate leaf, X509Certificate organisation) throws PkiException {
        if (leaf.getBasicConstraints() >= 0) {
            throw new PkiException("provider certificate must not be a CA certificate");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null || !keyUsage[0]) {
            throw new PkiException("provider certificate lacks the digitalSignature key usage");
        }
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku == null || !eku.contains(SERVER_AUTH) || !eku.contains(CLIENT_AUTH)) {
                throw new PkiException("provider certificate lacks the serverAuth and clientAuth extended key usages");
            }
        } catch (CertificateException e) {
            throw new PkiException("provider certificate has a malformed extended key usage");
        }
        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        String org = Names.single(subject, BCStyle.O, "provider certificate");
        String orgOfIssuer = Names.single(X500Name.getInstance(organisation.getSubjectX500Principal().getEncoded()),
                BCStyle.O, "organisation certificate");
        if (!org.equals(orgOfIssuer)) {
            throw new PkiException("provider certificate names organisation '" + org + "' but was issued by '" + orgOfIssuer + "'");
        }
        ProviderKind kind = ProviderKind.fromOrganisationalUnit(Names.single(subject, BCStyle.OU, "provider certificate"));
        String provider = Names.single(subject, BCStyle.CN, "provider certificate");
        return new ProviderIdentity(org, provider, kind, Certificates.publicKeyOf(leaf), leaf.getNotAfter().toInstant());
    }
}
