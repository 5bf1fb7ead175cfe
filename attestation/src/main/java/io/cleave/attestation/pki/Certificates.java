package io.cleave.attestation.pki;

import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.Signer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** Certificate issuance shared by the federation and organisation CAs, and chain encoding. */
public final class Certificates {
    /** Certificates start a little in the past so that peers whose clocks lag still accept them. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** Adds the extensions specific to one kind of certificate. */
    @FunctionalInterface
    interface Profile {
        void apply(X509v3CertificateBuilder builder) throws CertIOException;
    }

    static X509Certificate issue(X500Name issuer, Signer issuerSigner, SignaturePublicKey issuerKey, X500Name subject,
            SignaturePublicKey subjectKey, Instant now, Duration validity, Profile profile) {
        Instant notBefore = now.minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(validity).truncatedTo(ChronoUnit.SECONDS);
        SubjectPublicKeyInfo subjectInfo = SubjectPublicKeyInfo.getInstance(subjectKey.encoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                Date.from(notAfter), subject, subjectInfo);
        try {
            BcX509ExtensionUtils utils = new BcX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectInfo));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(SubjectPublicKeyInfo.getInstance(issuerKey.encoded())));
            profile.apply(builder);
            return new JcaX509CertificateConverter().getCertificate(builder.build(BcSigners.of(issuerSigner)));
        } catch (CertIOException | CertificateException e) {
            throw new IllegalStateException("cannot build certificate for " + subject, e);
        }
    }

    static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static SignaturePublicKey publicKeyOf(X509Certificate certificate) throws PkiException {
        try {
            return SignaturePublicKey.decode(certificate.getPublicKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new PkiException("certificate key rejected: " + e.getMessage());
        }
    }

    /** A chain as the sealed channel carries it: the DER certificates concatenated, leaf first. */
    public static byte[] encodeChain(List<X509Certificate> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (X509Certificate certificate : chain) {
                out.writeBytes(certificate.getEncoded());
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return out.toByteArray();
    }

    /** A CRL in DER, as the control plane relays it to providers. */
    public static byte[] encodeCrl(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalArgumentException("CRL cannot be encoded", e);
        }
    }

    /** Parses {@link #encodeChain(List)} output. */
    public static List<X509Certificate> decodeChain(byte[] encoded) throws PkiException {
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(encoded));
        } catch (CertificateException | RuntimeException e) {
            throw new PkiException("malformed certificate chain: " + e.getMessage());
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : certificates) {
            chain.add((X509Certificate) certificate);
        }
        if (chain.isEmpty()) {
            throw new PkiException("malformed certificate chain: no certificate");
        }
        if (encodeChain(chain).length != encoded.length) {
            throw new PkiException("malformed certificate chain: trailing bytes");
        }
        return chain;
    }
}
