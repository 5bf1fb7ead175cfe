package io.cleave.attestation.pki;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * The organisation's side of enrolment: it generates its CA key locally (the key never leaves
 * the organisation), sends only the CSR, and turns the approved certificate into its
 * {@link OrganisationCa}.
 */
public final class OrganisationEnrolment {
    private final String organisation;
    private final SigningKeyPair key;
    private final OrganisationCsr csr;

    private OrganisationEnrolment(String organisation, SigningKeyPair key, OrganisationCsr csr) {
        this.organisation = organisation;
        this.key = key;
        this.csr = csr;
    }

    /** Generates a fresh ECDSA P-256 key and a CSR with subject {@code O=<organisation>}. */
    public static OrganisationEnrolment createCsr(String organisation) {
        return resume(organisation, SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256));
    }

    /** Rebuilds the enrolment from a key stored earlier (e.g. the CLI between enrol and approval). */
    public static OrganisationEnrolment resume(String organisation, SigningKeyPair key) {
        Names.requireName("organisation", organisation);
        PKCS10CertificationRequest request = new PKCS10CertificationRequestBuilder(
                Names.organisationSubtree(organisation), SubjectPublicKeyInfo.getInstance(key.publicKey().encoded()))
                .build(BcSigners.of(key.signer()));
        try {
            return new OrganisationEnrolment(organisation, key, OrganisationCsr.parse(request.getEncoded()));
        } catch (PkiException | IOException e) {
            throw new IllegalStateException("own CSR rejected", e);
        }
    }

    public OrganisationCsr csr() {
        return csr;
    }

    public String csrPem() {
        return PemFiles.toPem("CERTIFICATE REQUEST", csr.encoded());
    }

    /** The organisation CA key, to be stored with {@link PemFiles#writePrivateKey}. */
    public SigningKeyPair key() {
        return key;
    }

    /** Checks the approved certificate (our key, our name, issued by the federation root) and starts the CA. */
    public OrganisationCa complete(X509Certificate organisationCertificate, X509Certificate federationRoot, Clock clock)
            throws PkiException {
        OrganisationCa ca = OrganisationCa.load(key, organisationCertificate, federationRoot, clock);
        if (!ca.organisation().equals(organisation)) {
            throw new PkiException("approved certificate names organisation '" + ca.organisation()
                    + "', enrolment was for '" + organisation + "'");
        }
        return ca;
    }
}
