package io.cleave.attestation.pki;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The broker's federation root CA (ECDSA P-256, self-signed). It certifies organisations, never
 * providers: each approved organisation gets an intermediate CA certificate with
 * {@code pathLen 0} and a critical name constraint permitting only the directory subtree
 * {@code O=<organisation>}, so the organisation can issue certificates for its own providers and
 * for nobody else. Revokes organisations through its CRL. Thread-safe.
 */
public final class FederationCa {
    private final SigningKeyPair key;
    private final X509Certificate root;
    private final X500Name name;
    private final Clock clock;
    private final RevocationList revocations = new RevocationList();

    private FederationCa(SigningKeyPair key, X509Certificate root, Clock clock) {
        this.key = key;
        this.root = root;
        this.name = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
        this.clock = clock;
    }

    public static FederationCa create(String federation, Duration validity, Clock clock) {
        Names.requireName("federation", federation);
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X500Name name = Names.root(federation);
        X509Certificate root = Certificates.issue(name, key.signer(), key.publicKey(), name, key.publicKey(),
                clock.instant(), validity, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
        return new FederationCa(key, root, clock);
    }

    /** Restarts a CA from its stored key and root certificate. */
    public static FederationCa load(SigningKeyPair key, X509Certificate root, Clock clock) throws PkiException {
        if (!Certificates.publicKeyOf(root).equals(key.publicKey())) {
            throw new PkiException("federation key does not match the root certificate");
        }
        return new FederationCa(key, root, Objects.requireNonNull(clock, "clock"));
    }

    /** The root key, to be stored with {@link PemFiles#writePrivateKey} by the broker alone. */
    public SigningKeyPair key() {
        return key;
    }

    public X509Certificate rootCertificate() {
        return root;
    }

    /** Issues the organisation's intermediate CA certificate; called once an administrator approved the CSR. */
    public X509Certificate approve(OrganisationCsr csr, Duration validity) {
        requireWithinRoot(validity);
        String organisation = csr.organisation();
        GeneralSubtree permitted = new GeneralSubtree(new GeneralName(Names.organisationSubtree(organisation)));
        return Certificates.issue(name, key.signer(), key.publicKey(), Names.organisationCa(organisation),
                csr.publicKey(), clock.instant(), validity, builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                    builder.addExtension(Extension.nameConstraints, true,
                            new NameConstraints(new GeneralSubtree[] {permitted}, null));
                });
    }

    /**
     * Issues the broker's TLS server certificate for the control plane, signed by the root itself:
     * providers accept as broker only a certificate issued directly by the root, never one an
     * organisation CA issued. SAN {@code localhost}, {@code 127.0.0.1} and {@code hostnames}.
     */
    public X509Certificate issueBrokerCertificate(SignaturePublicKey brokerKey, List<String> hostnames,
            Duration validity) {
        requireWithinRoot(validity);
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        hostnames.forEach(h -> names.add(new GeneralName(GeneralName.dNSName, h)));
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "broker").build();
        return Certificates.issue(name, key.signer(), key.publicKey(), subject, brokerKey, clock.instant(), validity,
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                });
    }

    /** Revokes an organisation: every chain through its certificate fails once the next CRL is out. */
    public void revokeOrganisation(X509Certificate organisationCertificate) throws PkiException {
        try {
            organisationCertificate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException("certificate was not issued by this federation CA: "
                    + organisationCertificate.getSubjectX500Principal());
        }
        revocations.revoke(organisationCertificate.getSerialNumber(), clock.instant());
    }

    /** A freshly signed CRL valid for {@code validity}; publish it to every party before it expires. */
    public X509CRL currentCrl(Duration validity) {
        return revocations.sign(name, key.signer(), key.publicKey(), clock.instant(), validity);
    }

    private void requireWithinRoot(Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        if (clock.instant().plus(validity).isAfter(root.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("validity " + validity + " would outlive the federation root (not after "
                    + root.getNotAfter().toInstant() + ")");
        }
    }
}
