package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * An X.509 certificate of the AMD SEV-SNP hierarchy (ARK, ASK, ASVK, VCEK, VLEK), parsed
 * strictly: DER only, signed with RSASSA-PSS SHA-384 (MGF1 SHA-384, 48-byte salt) as AMD's Key
 * Distribution Service specification (57230) prescribes, a single subject common name, and a key
 * that is RSA or ECDSA P-384. Strict parsing means a certificate whose bytes were changed either
 * fails here or fails its signature; no change is silently normalised away.
 */
final class AmdCertificate {
    private static final PSSParameterSpec PSS_SHA384 =
            new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);

    private final byte[] der;
    private final Certificate cert;
    private final String subject;
    private final String issuer;
    private final String commonName;
    private final Instant notBefore;
    private final Instant notAfter;
    private final PublicKey publicKey;

    private AmdCertificate(byte[] der, Certificate cert, String commonName, Instant notBefore, Instant notAfter,
            PublicKey publicKey) {
        this.der = der;
        this.cert = cert;
        this.subject = cert.getSubject().toString();
        this.issuer = cert.getIssuer().toString();
        this.commonName = commonName;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.publicKey = publicKey;
    }

    /**
     * Parses and checks the whole structure now: Bouncy Castle decodes names and extensions
     * lazily, and a malformed field must fail here rather than later, unchecked.
     */
    static AmdCertificate parse(byte[] der) throws AttestationException {
        byte[] copy = der.clone();
        Certificate cert;
        try {
            cert = Certificate.getInstance(ASN1Primitive.fromByteArray(copy));
            if (cert == null || !Arrays.equals(cert.getEncoded(ASN1Encoding.DER), copy)) {
                throw malformed("certificate is not a DER-encoded X.509 certificate");
            }
            checkSignatureAlgorithm(cert);
            String cn = commonName(cert.getSubject());
            decodeExtensions(cert);
            return new AmdCertificate(copy, cert, cn, cert.getStartDate().getDate().toInstant(),
                    cert.getEndDate().getDate().toInstant(), publicKeyOf(cert, cn));
        } catch (IOException | RuntimeException e) {
            throw new AttestationException(Reason.MALFORMED_CERTIFICATE,
                    "certificate cannot be parsed as DER X.509", e);
        }
    }

    private static void checkSignatureAlgorithm(Certificate cert) throws AttestationException {
        AlgorithmIdentifier outer = cert.getSignatureAlgorithm();
        if (!outer.equals(cert.getTBSCertificate().getSignature())) {
            throw malformed("certificate signature algorithm differs from the one inside the signed part");
        }
        if (!PKCSObjectIdentifiers.id_RSASSA_PSS.equals(outer.getAlgorithm())) {
            throw malformed("certificate is signed with " + outer.getAlgorithm() + ", not RSASSA-PSS");
        }
        RSASSAPSSparams pss = RSASSAPSSparams.getInstance(outer.getParameters());
        AlgorithmIdentifier mgf = pss.getMaskGenAlgorithm();
        boolean sha384 = NISTObjectIdentifiers.id_sha384.equals(pss.getHashAlgorithm().getAlgorithm())
                && PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                && NISTObjectIdentifiers.id_sha384.equals(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm())
                && BigInteger.valueOf(48).equals(pss.getSaltLength())
                && BigInteger.ONE.equals(pss.getTrailerField());
        if (!sha384) {
            throw malformed("certificate RSASSA-PSS parameters are not SHA-384, MGF1 SHA-384, salt 48");
        }
        if (cert.getSignature().getPadBits() != 0) {
            throw malformed("certificate signature bit string has unused bits");
        }
    }

    private static void decodeExtensions(Certificate cert) {
        Extensions extensions = cert.getTBSCertificate().getExtensions();
        if (extensions != null) {
            for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                extensions.getExtension(oid).getExtnValue().getOctets();
            }
        }
    }

    private static String commonName(X500Name subject) throws AttestationException {
        RDN[] rdns = subject.getRDNs(BCStyle.CN);
        if (rdns.length != 1 || rdns[0].isMultiValued() || !(rdns[0].getFirst().getValue() instanceof ASN1String)) {
            throw malformed("certificate subject must have exactly one common name");
        }
        return ((ASN1String) rdns[0].getFirst().getValue()).getString();
    }

    private static PublicKey publicKeyOf(Certificate cert, String cn) throws IOException, AttestationException {
        AlgorithmIdentifier algorithm = cert.getSubjectPublicKeyInfo().getAlgorithm();
        X509EncodedKeySpec spec = new X509EncodedKeySpec(cert.getSubjectPublicKeyInfo().getEncoded(ASN1Encoding.DER));
        try {
            if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
                return KeyFactory.getInstance("RSA").generatePublic(spec);
            }
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                    && SECObjectIdentifiers.secp384r1.equals(algorithm.getParameters())) {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            }
        } catch (GeneralSecurityException e) {
            throw new AttestationException(Reason.MALFORMED_CERTIFICATE, "public key of " + cn + " is invalid", e);
        }
        throw malformed(cn + " has a key that is neither RSA nor ECDSA P-384");
    }

    private static AttestationException malformed(String message) {
        return new AttestationException(Reason.MALFORMED_CERTIFICATE, message);
    }

    /**
     * Checks that {@code issuer} signed this certificate and is named as its issuer.
     *
     * @param role this certificate's role in messages, e.g. "VCEK"
     */
    void checkIssuedBy(AmdCertificate issuer, String role) throws AttestationException {
        if (!cert.getIssuer().equals(issuer.cert.getSubject())) {
            throw new AttestationException(Reason.CERTIFICATE_SIGNATURE_INVALID,
                    role + " names issuer '" + this.issuer + "', not " + issuer.commonName);
        }
        if (!(issuer.publicKey instanceof RSAPublicKey)) {
            throw new AttestationException(Reason.CERTIFICATE_SIGNATURE_INVALID,
                    issuer.commonName + " does not have an RSA key and cannot sign " + role);
        }
        boolean valid;
        try {
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(PSS_SHA384);
            pss.initVerify(issuer.publicKey);
            pss.update(cert.getTBSCertificate().getEncoded(ASN1Encoding.DER));
            valid = pss.verify(cert.getSignature().getOctets());
        } catch (GeneralSecurityException | IOException e) {
            valid = false;
        }
        if (!valid) {
            throw new AttestationException(Reason.CERTIFICATE_SIGNATURE_INVALID,
                    role + " signature does not verify with the key of " + issuer.commonName);
        }
    }

    /** Checks notBefore &lt;= at &lt;= notAfter (RFC 5280 §4.1.2.5: both ends inclusive). */
    void checkValidAt(Instant at, String role) throws AttestationException {
        if (at.isBefore(notBefore) || at.isAfter(notAfter)) {
            throw new AttestationException(Reason.CERTIFICATE_NOT_VALID_AT_TIME, role + " (" + commonName
                    + ") is not valid at " + at + "; it is valid from " + notBefore + " to " + notAfter);
        }
    }

    String commonName() {
        return commonName;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    Extensions extensions() {
        return cert.getTBSCertificate().getExtensions();
    }

    byte[] der() {
        return der.clone();
    }

    String sha256Hex() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AmdCertificate[" + subject + "]";
    }
}
