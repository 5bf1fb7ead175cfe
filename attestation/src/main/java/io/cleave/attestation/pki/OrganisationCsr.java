package io.cleave.attestation.pki;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SignaturePublicKey;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * An organisation's PKCS#10 enrolment request, checked when parsed: well-formed, self-signed
 * (proof that the requester holds the private key), an ECDSA P-256 key, and a subject naming
 * exactly one valid organisation. What an administrator sees before approving.
 */
public final class OrganisationCsr {
    private final PKCS10CertificationRequest request;
    private final String organisation;
    private final SignaturePublicKey publicKey;

    private OrganisationCsr(PKCS10CertificationRequest request, String organisation, SignaturePublicKey publicKey) {
        this.request = request;
        this.organisation = organisation;
        this.publicKey = publicKey;
    }

    public static OrganisationCsr parse(byte[] der) throws PkiException {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new PkiException("malformed CSR: not a DER PKCS#10 request");
        }
        return check(request);
    }

    public static OrganisationCsr parsePem(String pem) throws PkiException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest request) {
                return check(request);
            }
            throw new PkiException("malformed CSR: PEM does not hold a CERTIFICATE REQUEST");
        } catch (IOException | RuntimeException e) {
            throw new PkiException("malformed CSR: unreadable PEM");
        }
    }

    private static OrganisationCsr check(PKCS10CertificationRequest request) throws PkiException {
        SignaturePublicKey key;
        try {
            key = SignaturePublicKey.decode(request.getSubjectPublicKeyInfo().getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("CSR key rejected: " + e.getMessage());
        }
        if (key.algorithm() != SignatureAlgorithm.ECDSA_P256_SHA256) {
            throw new PkiException("CSR key must be ECDSA P-256, got " + key.algorithm());
        }
        boolean valid;
        try {
            PublicKey jdkKey = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jdkKey));
        } catch (GeneralSecurityException | IOException | OperatorCreationException | PKCSException | RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new PkiException("CSR signature invalid: the requester did not prove possession of the key");
        }
        String organisation = Names.single(request.getSubject(), BCStyle.O, "CSR subject");
        if (!Names.isValidName(organisation)) {
            throw new PkiException("CSR organisation name '" + organisation + "' is invalid: use lowercase letters, digits and '-'");
        }
        return new OrganisationCsr(request, organisation, key);
    }

    public String organisation() {
        return organisation;
    }

    public SignaturePublicKey publicKey() {
        return publicKey;
    }

    public byte[] encoded() {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("CSR cannot be re-encoded", e);
        }
    }
}
