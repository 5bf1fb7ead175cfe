package io.cleave.cli.demo;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.pki.OrgDirectory;
import io.cleave.cli.pki.ProviderFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's organisations enrol exactly as a user would with {@code cleave org enroll},
 * {@code org approve}, {@code user create}, {@code login} (replacing the one-time password),
 * {@code org status --dir} and {@code provider cert issue}: keys made in each organisation's own
 * folder, only CSRs and certificates sent; each organisation acts through its own administrator.
 */
final class DemoPki {
    private static final Duration CRL_VALIDITY = Duration.ofDays(1);
    private static final Duration PROVIDER_VALIDITY = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final BrokerClient brokerAdmin;
    private final Path folder;
    private final Map<String, OrganisationCa> organisations = new HashMap<>();
    private final Map<String, BrokerClient> organisationAdmins = new HashMap<>();

    DemoPki(BrokerClient brokerAdmin, Path folder) {
        this.brokerAdmin = brokerAdmin;
        this.folder = folder;
    }

    /**
     * Enrols by CSR, approves as the broker administrator, who creates the organisation's
     * administrator {@code <organisation>-admin}; that administrator replaces its one-time password
     * and installs the approved certificate.
     */
    void enrol(String organisation) throws IOException, PkiException {
        OrgDirectory dir = new OrgDirectory(folder.resolve(organisation));
        brokerAdmin.post("api/organisations/enrolments", Map.of("csr_pem", dir.createEnrolment(organisation).csrPem()));
        brokerAdmin.post("api/organisations/" + organisation + "/approve", Map.of());
        String username = organisation + "-admin";
        String oneTime = brokerAdmin.post("api/users", Map.of("username", username, "role", "ORG_ADMIN",
                "organisation", organisation)).path("one_time_password").asText();
        BrokerClient first = brokerAdmin.withToken(brokerAdmin.login(username, oneTime.toCharArray())
                .path("access_token").asText());
        String token = first.post("api/users/me/password", Map.of("current_password", oneTime,
                "new_password", randomPassword())).path("access_token").asText();
        BrokerClient admin = brokerAdmin.withToken(token);
        organisationAdmins.put(organisation, admin);
        organisations.put(organisation, dir.completeEnrolment(admin, Clock.systemUTC(), CRL_VALIDITY));
    }

    /** The client of the organisation's administrator, once enrolled. */
    BrokerClient client(String organisation) {
        return organisationAdmins.get(organisation);
    }

    /** The organisation's own folder: its keys, including the one its model shares are sealed to. */
    OrgDirectory directory(String organisation) {
        return new OrgDirectory(folder.resolve(organisation));
    }

    /** Issues a provider certificate; returns the provider's folder of TLS files. */
    Path issue(String organisation, String provider, ProviderKind kind) throws IOException, PkiException {
        Path out = folder.resolve(organisation + "-" + provider);
        new OrgDirectory(folder.resolve(organisation)).issueProvider(client(organisation),
                organisations.get(organisation), provider, kind, ProviderFiles.in(out), PROVIDER_VALIDITY, CRL_VALIDITY);
        return out;
    }

    /** 144 random bits, URL-safe: a password nobody chose and nobody needs to remember. */
    static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
