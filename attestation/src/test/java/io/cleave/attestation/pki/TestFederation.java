package io.cleave.attestation.pki;

import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A federation with organisations enrolled through real CSRs, and CRLs fetched at validation time.
 * Shared with the providers' tests through this module's test-jar.
 */
public final class TestFederation {
    /** Where {@link #clock} starts. */
    public static final Instant START = Instant.parse("2026-11-27T12:00:00Z");
    static final Duration CRL_VALIDITY = Duration.ofHours(1);

    final MutableClock clock = new MutableClock(START);
    final FederationCa federation;
    private final List<OrganisationCa> organisations = new ArrayList<>();

    /** A provider's key, certificate and chain up to (not including) the federation root. */
    public record Provider(SigningKeyPair key, X509Certificate certificate, List<X509Certificate> chain) {
    }

    public TestFederation(String name) {
        federation = FederationCa.create(name, Duration.ofDays(3650), clock);
    }

    public OrganisationCa enrol(String organisation) throws PkiException {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(organisation);
        OrganisationCsr received = OrganisationCsr.parse(enrolment.csr().encoded());
        X509Certificate approved = federation.approve(received, Duration.ofDays(365));
        OrganisationCa ca = enrolment.complete(approved, federation.rootCertificate(), clock);
        organisations.add(ca);
        return ca;
    }

    public static Provider provider(OrganisationCa ca, String name, ProviderKind kind, Duration validity) {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate certificate = ca.issueProviderCertificate(name, kind, key.publicKey(), validity);
        return new Provider(key, certificate, ca.chainFor(certificate));
    }

    /** A provider of {@code ca} certified for {@code validity}, loaded as {@link #credentials(Path, Provider)} does. */
    public ProviderCredentials credentials(Path dir, OrganisationCa ca, String name, ProviderKind kind,
            Duration validity) throws IOException {
        return credentials(dir, provider(ca, name, kind, validity));
    }

    /**
     * {@code provider} loaded through the PEM files a provider reads (as {@code cleave provider cert
     * issue} writes them), in a new folder under {@code dir}.
     */
    public ProviderCredentials credentials(Path dir, Provider provider) throws IOException {
        Path folder = Files.createTempDirectory(dir, "provider-");
        PemFiles.writePrivateKey(folder.resolve("key.pem"), provider.key());
        PemFiles.writeCertificates(folder.resolve("chain.pem"), provider.chain());
        PemFiles.writeCertificates(folder.resolve("root.pem"), List.of(federation.rootCertificate()));
        return ProviderCredentials.load(new ControlPlaneTls(folder.resolve("key.pem"), folder.resolve("chain.pem"),
                folder.resolve("root.pem")));
    }

    /** The CRLs a party would hold now: freshly published by every CA. */
    List<X509CRL> currentCrls() {
        List<X509CRL> crls = new ArrayList<>();
        crls.add(federation.currentCrl(CRL_VALIDITY));
        organisations.forEach(o -> crls.add(o.currentCrl(CRL_VALIDITY)));
        return crls;
    }

    /** The same CRLs encoded, as the broker relays them. */
    public List<byte[]> encodedCrls() {
        return currentCrls().stream().map(Certificates::encodeCrl).toList();
    }

    ChainValidator validator() {
        return new ChainValidator(federation.rootCertificate(), clock, this::currentCrls);
    }
}
