package io.cleave.attestation.pki;

import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * An organisation's intermediate CA, run by the organisation itself. Issues short-lived ECDSA
 * P-256 provider certificates usable for gRPC mutual TLS (serverAuth and clientAuth, SAN
 * {@code localhost}, {@code 127.0.0.1} and the provider name as DNS name) and for the sealed
 * channel, and revokes them through its CRL. Thread-safe.
 */
public final class OrganisationCa {
    /** Provider certificates are short-lived: revocation is the fast path, expiry the backstop. */
    public static final Duration MAX_PROVIDER_VALIDITY = Duration.ofDays(30);

    private final SigningKeyPair key;
    private final X509Certificate certificate;
    private final String organisation;
    private final X500Name name;
    private final Clock clock;
    private final RevocationList revocations = new RevocationList();

    private OrganisationCa(SigningKeyPair key, X509Certificate certificate, String organisation, Clock clock) {
        this.key = key;
        this.certificate = certificate;
        this.organisation = organisation;
        this.name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        this.clock = clock;
    }

    /** Starts the CA from its stored key and certificate, after checking both against the federation root. */
    public static OrganisationCa load(SigningKeyPair key, X509Certificate certificate, X509Certificate federationRoot,
            Clock clock) throws PkiException {
        Objects.requireNonNull(clock, "clock");
        if (!Certificates.publicKeyOf(certificate).equals(key.publicKey())) {
            throw new PkiException("organisation key does not match the organisation certificate");
        }
        try {
            certificate.verify(federationRoot.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException("organisation certificate was not issued by this federation root");
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new PkiException("organisation certificate is not a CA certificate");
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return new OrganisationCa(key, certificate, Names.single(subject, BCStyle.O, "organisation certificate"), clock);
    }

    public String organisation() {
        return organisation;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Issues a provider certificate for {@code providerKey}, which the provider generated and keeps. */
    public X509Certificate issueProviderCertificate(String provider, ProviderKind kind, SignaturePublicKey providerKey,
            Duration validity) {
        Names.requireName("provider", provider);
        Objects.requireNonNull(kind, "kind");
        requireValidity(validity);
        GeneralNames altNames = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, provider)});
        return Certificates.issue(name, key.signer(), key.publicKey(), Names.provider(organisation, kind, provider),
                providerKey, clock.instant(), validity, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                    builder.addExtension(Extension.subjectAlternativeName, false, altNames);
                });
    }

    /** A new certificate for the same provider, kind and key; the old one stays valid until it expires. */
    public X509Certificate renew(X509Certificate current, Duration validity) throws PkiException {
        requireIssuedHere(current);
        X500Name subject = X500Name.getInstance(current.getSubjectX500Principal().getEncoded());
        String provider = Names.single(subject, BCStyle.CN, "provider certificate");
        ProviderKind kind = ProviderKind.fromOrganisationalUnit(Names.single(subject, BCStyle.OU, "provider certificate"));
        return issueProviderCertificate(provider, kind, Certificates.publicKeyOf(current), validity);
    }

    /** True once less than {@code margin} of validity is left: renew then, not at the last second. */
    public static boolean needsRenewal(X509Certificate certificate, Clock clock, Duration margin) {
        return !clock.instant().plus(margin).isBefore(certificate.getNotAfter().toInstant());
    }

    public void revokeProvider(X509Certificate providerCertificate) throws PkiException {
        requireIssuedHere(providerCertificate);
        revocations.revoke(providerCertificate.getSerialNumber(), clock.instant());
    }

    public X509CRL currentCrl(Duration validity) {
        return revocations.sign(name, key.signer(), key.publicKey(), clock.instant(), validity);
    }

    /** The chain a provider presents: its certificate, then this organisation's. */
    public List<X509Certificate> chainFor(X509Certificate providerCertificate) {
        return List.of(providerCertificate, certificate);
    }

    private void requireIssuedHere(X509Certificate providerCertificate) throws PkiException {
        try {
            providerCertificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException("certificate was not issued by organisation CA '" + organisation + "': "
                    + providerCertificate.getSubjectX500Principal());
        }
    }

    private void requireValidity(Duration validity) {
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_PROVIDER_VALIDITY) > 0) {
            throw new IllegalArgumentException("provider certificate validity must be in (0, "
                    + MAX_PROVIDER_VALIDITY + "], got " + validity);
        }
        Instant end = clock.instant().plus(validity);
        if (end.isAfter(certificate.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("validity " + validity + " would outlive the organisation certificate"
                    + " (not after " + certificate.getNotAfter().toInstant() + "): renew the organisation first");
        }
    }
}
