package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.pki.ChainValidator;
import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The PKI REST API over a real socket, with real CSRs, certificates and CRLs. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PkiHttpTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AuditRepository audit;
    @Inject
    ApplicationContext ctx;
    private static final Pattern ORGANISATION_ACT = Pattern.compile("/api/organisations/([^/]+)/(crl|provider-certificates)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        try {
            return TestDatabases.h2(Files.createTempDirectory("cleave-pki-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each organisation publishes its own CRL and registers its own providers; the broker administrator does the rest. */
    private String tokenFor(String method, String path) {
        Matcher m = ORGANISATION_ACT.matcher(path);
        return m.matches() && !"GET".equals(method) ? ApiTokens.orgAdmin(ctx, m.group(1)) : ApiTokens.brokerAdmin(ctx);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("content-type", "application/json")
                .header("authorization", "Bearer " + tokenFor(method, path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> actions(String organisation) {
        return StreamSupport.stream(audit.findAll().spliterator(), false)
                .filter(a -> organisation.equals(a.organisation())).map(AuditEntry::action).toList();
    }

    private X509Certificate root() throws Exception {
        return PemFiles.certificatesFromPem("root", send("GET", "/api/pki/root", null).body()).get(0);
    }

    /** Enrols and approves {@code name} over HTTP; the key stays here. */
    private OrganisationCa enrolAndApprove(String name) throws Exception {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(name);
        assertEquals(201, send("POST", "/api/organisations/enrolments", Map.of("csr_pem", enrolment.csrPem())).statusCode());
        var approved = send("POST", "/api/organisations/" + name + "/approve", null);
        assertEquals(200, approved.statusCode(), approved.body());
        String pem = json.readValue(approved.body(), Map.class).get("certificate_pem").toString();
        return enrolment.complete(PemFiles.certificatesFromPem("approved", pem).get(0), root(), Clock.systemUTC());
    }

    @Test
    void enrol_validCsr_pendingUntilApproved_andBothStepsAudited() throws Exception {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("acme");
        var r = send("POST", "/api/organisations/enrolments", Map.of("csr_pem", enrolment.csrPem()));
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"status\":\"PENDING\""), r.body());
        assertEquals(404, send("GET", "/api/organisations/acme/certificate", null).statusCode());

        var approved = send("POST", "/api/organisations/acme/approve", null);
        assertEquals(200, approved.statusCode(), approved.body());
        String pem = json.readValue(approved.body(), Map.class).get("certificate_pem").toString();
        OrganisationCa ca = enrolment.complete(PemFiles.certificatesFromPem("approved", pem).get(0), root(),
                Clock.systemUTC());
        assertEquals("acme", ca.organisation());
        assertTrue(send("GET", "/api/organisations/acme", null).body().contains("\"status\":\"ACTIVE\""));
        assertEquals(pem, json.readValue(send("GET", "/api/organisations/acme/certificate", null).body(), Map.class)
                .get("certificate_pem"));
        assertEquals(List.of("organisation.enrolment_requested", "certificate.issued"), actions("acme"));
    }

    @Test
    void enrol_garbage_400ClearMessage_andNothingWritten() throws Exception {
        long before = audit.count();
        var r = send("POST", "/api/organisations/enrolments", Map.of("csr_pem", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
                + "-----END CERTIFICATE REQUEST-----\n"));
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"malformed CSR: unreadable PEM\"}", r.body());
        assertEquals(before, audit.count());
    }

    @Test
    void enrol_csrWithBrokenSignature_400_andNothingWritten() throws Exception {
        byte[] der = OrganisationEnrolment.createCsr("mallory").csr().encoded();
        der[der.length - 1] ^= 0x01; // last byte of the ECDSA signature: the requester did not sign this
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        long before = audit.count();
        var r = send("POST", "/api/organisations/enrolments", Map.of("csr_pem", pem));
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"CSR signature invalid: the requester did not prove possession of the key\"}", r.body());
        assertEquals(404, send("GET", "/api/organisations/mallory", null).statusCode());
        assertEquals(before, audit.count());
    }

    @Test
    void enrol_missingCsr_400() throws Exception {
        var r = send("POST", "/api/organisations/enrolments", Map.of());
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"an enrolment needs a CSR in PEM form\"}", r.body());
    }

    @Test
    void approve_withoutPendingEnrolment_409() throws Exception {
        send("POST", "/api/organisations", Map.of("name", "legacy"));
        var r = send("POST", "/api/organisations/legacy/approve", null);
        assertEquals(409, r.statusCode());
        assertEquals("{\"error\":\"organisation 'legacy' has no pending enrolment (status ACTIVE)\"}", r.body());
    }

    @Test
    void revokeOrganisation_onFederationCrl_andAudited() throws Exception {
        OrganisationCa ca = enrolAndApprove("globex");
        var r = send("POST", "/api/organisations/globex/revoke", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"status\":\"REVOKED\""), r.body());
        X509CRL crl = PemFiles.crlFromPem("crl", send("GET", "/api/pki/crl", null).body());
        crl.verify(root().getPublicKey());
        assertTrue(crl.isRevoked(ca.certificate()));
        assertEquals("certificate.revoked", actions("globex").get(actions("globex").size() - 1));
    }

    @Test
    void providerCertificate_registeredThenRevokedByOrganisationCrl_bothAudited() throws Exception {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("initech");
        send("POST", "/api/organisations/enrolments", Map.of("csr_pem", enrolment.csrPem()));
        String pem = json.readValue(send("POST", "/api/organisations/initech/approve", null).body(), Map.class)
                .get("certificate_pem").toString();
        X509Certificate approved = PemFiles.certificatesFromPem("approved", pem).get(0);
        OrganisationCa ca = enrolment.complete(approved, root(), Clock.systemUTC());
        assertEquals(200, send("PUT", "/api/organisations/initech/crl",
                Map.of("crl_pem", PemFiles.crlToPem(ca.currentCrl(Duration.ofDays(1))))).statusCode());
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate cert = ca.issueProviderCertificate("cpu-1", ProviderKind.COMPUTE, key.publicKey(), Duration.ofDays(1));
        var registered = send("POST", "/api/organisations/initech/provider-certificates",
                Map.of("chain_pem", PemFiles.certificatesToPem(ca.chainFor(cert))));
        assertEquals(201, registered.statusCode(), registered.body());

        ca.revokeProvider(cert);
        var published = send("PUT", "/api/organisations/initech/crl",
                Map.of("crl_pem", PemFiles.crlToPem(ca.currentCrl(Duration.ofDays(1)))));
        assertEquals(200, published.statusCode(), published.body());
        assertTrue(published.body().contains(cert.getSerialNumber().toString(16)), published.body());
        assertEquals(List.of("organisation.enrolment_requested", "certificate.issued", "certificate.issued",
                "certificate.revoked"), actions("initech"));

        // A CRL that forgets the revocation (e.g. from a CA restarted without its records) is refused.
        OrganisationCa forgetful = enrolment.complete(approved, root(), Clock.systemUTC());
        var omitted = send("PUT", "/api/organisations/initech/crl",
                Map.of("crl_pem", PemFiles.crlToPem(forgetful.currentCrl(Duration.ofDays(1)))));
        assertEquals(409, omitted.statusCode());
        assertEquals("{\"error\":\"CRL of 'initech' omits revoked certificate " + cert.getSerialNumber().toString(16)
                + " of provider 'cpu-1'\"}", omitted.body());
    }

    @Test
    void providerCertificate_ofAnotherOrganisation_refused() throws Exception {
        OrganisationCa ca = enrolAndApprove("umbrella");
        enrolAndApprove("wayne");
        send("PUT", "/api/organisations/umbrella/crl", Map.of("crl_pem", PemFiles.crlToPem(ca.currentCrl(Duration.ofDays(1)))));
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate cert = ca.issueProviderCertificate("mem-1", ProviderKind.MEMORY, key.publicKey(), Duration.ofDays(1));
        var r = send("POST", "/api/organisations/wayne/provider-certificates",
                Map.of("chain_pem", PemFiles.certificatesToPem(ca.chainFor(cert))));
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"provider certificate names organisation 'umbrella', not 'wayne'\"}", r.body());
    }

    @Test
    void organisationCrl_signedByAnotherOrganisation_refused() throws Exception {
        enrolAndApprove("hooli");
        OrganisationCa other = enrolAndApprove("piedpiper");
        var r = send("PUT", "/api/organisations/hooli/crl",
                Map.of("crl_pem", PemFiles.crlToPem(other.currentCrl(Duration.ofDays(1)))));
        assertEquals(400, r.statusCode());
        assertEquals("{\"error\":\"CRL is not signed by the CA of organisation 'hooli'\"}", r.body());
    }
}
