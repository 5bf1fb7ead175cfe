package io.cleave.broker;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.broker.pki.CertificateRegistry;
import io.cleave.broker.pki.EnrolmentService;
import io.cleave.controlplane.BrokerChannels;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Organisations enrolled through the broker's own services, and providers with real TLS files. */
final class TlsFederation {
    private final EnrolmentService enrolments;
    private final CertificateRegistry registry;
    private final Path dir;

    record ProviderTls(X509Certificate certificate, ControlPlaneTls files) {
    }

    TlsFederation(EnrolmentService enrolments, CertificateRegistry registry, Path dir) {
        this.enrolments = enrolments;
        this.registry = registry;
        this.dir = dir;
    }

    /** Enrols, approves, and publishes a first CRL, as the CLI does. */
    OrganisationCa organisation(String name) throws PkiException {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(name);
        enrolments.enrol(enrolment.csrPem(), "test");
        X509Certificate approved = PemFiles.certificatesFromPem("approved",
                enrolments.approve(name, "admin").certificatePem()).get(0);
        OrganisationCa ca = enrolment.complete(approved, registry.root(), Clock.systemUTC());
        publishCrl(ca);
        return ca;
    }

    void publishCrl(OrganisationCa ca) {
        registry.publishOrganisationCrl(ca.organisation(), PemFiles.crlToPem(ca.currentCrl(Duration.ofDays(1))), "test");
    }

    ProviderTls provider(OrganisationCa ca, String name, ProviderKind kind) throws IOException {
        return provider(ca, name, kind, registry.root());
    }

    /** A provider certificate written as the three files; {@code root} is what the provider trusts. */
    ProviderTls provider(OrganisationCa ca, String name, ProviderKind kind, X509Certificate root) throws IOException {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate certificate = ca.issueProviderCertificate(name, kind, key.publicKey(), Duration.ofDays(1));
        Path folder = Files.createTempDirectory(dir, name);
        ControlPlaneTls files = new ControlPlaneTls(folder.resolve("key.pem"), folder.resolve("chain.pem"),
                folder.resolve("root.pem"));
        PemFiles.writePrivateKey(files.key(), key);
        PemFiles.writeCertificates(files.chain(), ca.chainFor(certificate));
        PemFiles.writeCertificates(files.root(), List.of(root));
        return new ProviderTls(certificate, files);
    }

    static ManagedChannel channel(int port, ProviderTls provider) {
        return BrokerChannels.mutualTls("127.0.0.1:" + port, provider.files());
    }
}
