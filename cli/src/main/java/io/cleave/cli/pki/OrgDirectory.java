package io.cleave.cli.pki;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.cli.client.BrokerClient;
import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.HpkeSuite;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.federation.PublishedKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An organisation's own directory: its CA key (never sent anywhere), its CSR, the approved CA
 * certificate, the federation root, and the provider certificates it issued and revoked. The
 * revoked ones are replayed into the CA at every load, so its CRL never forgets a revocation.
 */
public final class OrgDirectory {
    static final String NAME = "organisation.txt";
    static final String KEY = "org-ca-key.pem";
    static final String CSR = "org.csr.pem";
    static final String CERTIFICATE = "org-ca.pem";
    static final String ROOT = "federation-root.pem";
    /** The HPKE private key that model shares are sealed to; made here, never sent. */
    static final String RESULT_KEY = "results-hpke-key.bin";
    private static final String ISSUED = "issued";
    private static final String REVOKED = "revoked";

    private final Path dir;

    public OrgDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Creates the key and CSR locally; refuses to overwrite an existing enrolment. */
    public OrganisationEnrolment createEnrolment(String organisation) throws IOException {
        if (Files.exists(dir.resolve(KEY))) {
            throw new IllegalStateException(dir.resolve(KEY) + " already exists: this directory already holds an enrolment");
        }
        createPrivateDirectory(dir);
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(organisation);
        PemFiles.writePrivateKey(dir.resolve(KEY), enrolment.key());
        Files.writeString(dir.resolve(CSR), enrolment.csrPem(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(NAME), organisation + "\n", StandardCharsets.US_ASCII);
        return enrolment;
    }

    public String organisation() throws IOException {
        requireFile(NAME, "not an organisation directory (run 'cleave org enroll' first)");
        return Files.readString(dir.resolve(NAME), StandardCharsets.US_ASCII).strip();
    }

    public boolean isApproved() {
        return Files.exists(dir.resolve(CERTIFICATE));
    }

    /**
     * Fetches the approved certificate and the root, checks them against the local key (our key,
     * our name, issued by the root), stores both and publishes a first CRL.
     */
    public OrganisationCa completeEnrolment(BrokerClient broker, Clock clock, Duration crlValidity)
            throws IOException, PkiException {
        String organisation = organisation();
        SigningKeyPair key = PemFiles.readPrivateKey(dir.resolve(KEY));
        String pem = broker.get("api/organisations/" + organisation + "/certificate").path("certificate_pem").asText();
        X509Certificate certificate = PemFiles.certificatesFromPem("organisation certificate from the broker", pem).get(0);
        X509Certificate root = PemFiles.certificatesFromPem("federation root from the broker",
                broker.getText("api/pki/root")).get(0);
        OrganisationCa ca = OrganisationEnrolment.resume(organisation, key).complete(certificate, root, clock);
        PemFiles.writeCertificates(dir.resolve(CERTIFICATE), List.of(certificate));
        PemFiles.writeCertificates(dir.resolve(ROOT), List.of(root));
        publishCrl(broker, ca, crlValidity);
        publishResultKey(broker);
        return ca;
    }

    /**
     * Makes the organisation's HPKE key for results (if there is none yet) and publishes its public
     * half signed with the organisation key, so compute parties can check it came from us.
     */
    public void publishResultKey(BrokerClient broker) throws IOException, PkiException {
        String organisation = organisation();
        HpkeKeyPair key = resultKey();
        try {
            byte[] signature = PublishedKey.sign(organisationKey().signer(), organisation, key.publicKey());
            broker.put("api/organisations/" + organisation + "/hpke-key", Map.of(
                    "public_key", Base64.getEncoder().encodeToString(key.publicKey().encode()),
                    "signature", Base64.getEncoder().encodeToString(signature)));
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot sign the results key: " + e.getMessage());
        }
    }

    /** The organisation's signing key (its CA key): consents are signed with it. */
    public SigningKeyPair organisationKey() throws IOException, PkiException {
        requireFile(KEY, "not an organisation directory (run 'cleave org enroll' first)");
        return PemFiles.readPrivateKey(dir.resolve(KEY));
    }

    /** The organisation's HPKE key pair for results, made on first use (owner-only file). */
    public HpkeKeyPair resultKey() throws IOException, PkiException {
        Path file = dir.resolve(RESULT_KEY);
        try {
            if (!Files.exists(file)) {
                HpkeKeyPair fresh = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.write(file, fresh.exportPrivateKeyForOwnerStorage(), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                return fresh;
            }
            return HpkeKeyPair.importPrivateKeyFromOwnerStorage(Files.readAllBytes(file));
        } catch (GeneralSecurityException e) {
            throw new PkiException("the results key " + file + " is unreadable: " + e.getMessage());
        }
    }

    /** The organisation CA from its stored key and certificate, with every stored revocation replayed. */
    public OrganisationCa loadCa(Clock clock) throws IOException, PkiException {
        requireFile(CERTIFICATE, "organisation not approved yet (run 'cleave org status NAME --dir "
                + dir + "' after approval)");
        OrganisationCa ca = OrganisationCa.load(PemFiles.readPrivateKey(dir.resolve(KEY)),
                PemFiles.readCertificates(dir.resolve(CERTIFICATE)).get(0), root(), clock);
        for (X509Certificate revoked : certificatesIn(REVOKED)) {
            ca.revokeProvider(revoked);
        }
        return ca;
    }

    public X509Certificate root() throws IOException, PkiException {
        return PemFiles.readCertificates(dir.resolve(ROOT)).get(0);
    }

    /** Keeps a copy of an issued provider certificate, so that it can be revoked later. */
    void recordIssued(X509Certificate certificate) throws IOException {
        store(ISSUED, certificate);
    }

    public void recordRevoked(X509Certificate certificate) throws IOException {
        store(REVOKED, certificate);
    }

    /** Every certificate this organisation issued to provider {@code provider}. */
    public List<X509Certificate> issuedTo(String provider) throws IOException, PkiException {
        String cn = "CN=" + provider + ",";
        return certificatesIn(ISSUED).stream()
                .filter(c -> c.getSubjectX500Principal().getName().startsWith(cn)).toList();
    }

    /**
     * Creates a provider key in {@code files}, certifies it, and publishes the certificate (with a
     * fresh CRL) to the broker. The key stays in the provider's directory.
     */
    public X509Certificate issueProvider(BrokerClient broker, OrganisationCa ca, String provider, ProviderKind kind,
            ProviderFiles files, Duration validity, Duration crlValidity) throws IOException, PkiException {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate certificate = ca.issueProviderCertificate(provider, kind, key.publicKey(), validity);
        files.write(key, ca.chainFor(certificate), root());
        publishIssued(broker, ca, certificate, crlValidity);
        return certificate;
    }

    /** Keeps a copy, registers the certificate with the broker (audited) and refreshes the CRL. */
    public void publishIssued(BrokerClient broker, OrganisationCa ca, X509Certificate certificate, Duration crlValidity)
            throws IOException {
        recordIssued(certificate);
        broker.post("api/organisations/" + ca.organisation() + "/provider-certificates",
                Map.of("chain_pem", PemFiles.certificatesToPem(ca.chainFor(certificate))));
        publishCrl(broker, ca, crlValidity);
    }

    public void publishCrl(BrokerClient broker, OrganisationCa ca, Duration validity) {
        broker.put("api/organisations/" + ca.organisation() + "/crl",
                Map.of("crl_pem", PemFiles.crlToPem(ca.currentCrl(validity))));
    }

    private void store(String subdir, X509Certificate certificate) throws IOException {
        Files.createDirectories(dir.resolve(subdir));
        PemFiles.writeCertificates(dir.resolve(subdir).resolve(certificate.getSerialNumber().toString(16) + ".pem"),
                List.of(certificate));
    }

    private List<X509Certificate> certificatesIn(String subdir) throws IOException, PkiException {
        Path folder = dir.resolve(subdir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.toString().endsWith(".pem")).sorted().toList();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            certificates.add(PemFiles.readCertificates(file).get(0));
        }
        return certificates;
    }

    private void requireFile(String file, String otherwise) {
        if (!Files.exists(dir.resolve(file))) {
            throw new IllegalStateException(dir + ": " + otherwise);
        }
    }

    /** A directory only its owner can enter: it holds private keys. */
    static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
