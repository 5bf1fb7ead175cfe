package io.cleave.cli.demo;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.pki.OrgDirectory;
import io.cleave.cli.pki.ProviderFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's organisations enrol exactly as a user would with {@code cleave org enroll},
 * {@code org approve}, {@code org status --dir} and {@code provider cert issue}: keys made in each
 * organisation's own folder, only CSRs and certificates sent.
 */
final class DemoPki {
    private static final Duration CRL_VALIDITY = Duration.ofDays(1);
    private static final Duration PROVIDER_VALIDITY = Duration.ofDays(1);
    private final BrokerClient client;
    private final Path folder;
    private final Map<String, OrganisationCa> organisations = new HashMap<>();

    DemoPki(BrokerClient client, Path folder) {
        this.client = client;
        this.folder = folder;
    }

    /** Enrols by CSR, approves as the broker administrator, installs the approved certificate. */
    void enrol(String organisation) throws IOException, PkiException {
        OrgDirectory dir = new OrgDirectory(folder.resolve(organisation));
        client.post("api/organisations/enrolments", Map.of("csr_pem", dir.createEnrolment(organisation).csrPem()));
        client.post("api/organisations/" + organisation + "/approve", Map.of());
        organisations.put(organisation, dir.completeEnrolment(client, Clock.systemUTC(), CRL_VALIDITY));
    }

    /** The organisation's own folder: its keys, including the one its model shares are sealed to. */
    OrgDirectory directory(String organisation) {
        return new OrgDirectory(folder.resolve(organisation));
    }

    /** Issues a provider certificate; returns the provider's folder of TLS files. */
    Path issue(String organisation, String provider, ProviderKind kind) throws IOException, PkiException {
        Path out = folder.resolve(organisation + "-" + provider);
        new OrgDirectory(folder.resolve(organisation)).issueProvider(client, organisations.get(organisation), provider,
                kind, ProviderFiles.in(out), PROVIDER_VALIDITY, CRL_VALIDITY);
        return out;
    }
}
