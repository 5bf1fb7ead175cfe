package io.cleave.cli.pki;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.PkiException;
import io.cleave.cli.BrokerOptions;
import io.cleave.cli.Printing;
import io.cleave.cli.client.BrokerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleave org status [NAME]}: one organisation's enrolment, or all organisations. */
@Command(name = "status", description = {
    "Without NAME: every organisation and its status (PENDING, ACTIVE, REVOKED).",
    "With NAME: its status and certificate; with --dir, an approved certificate is fetched, checked",
    "against the key in DIR and the federation root, stored in DIR, and a first CRL is published."})
public final class OrgStatusCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The organisation.")
    String name;
    @Option(names = "--dir", paramLabel = "DIR", description = "The organisation's directory from 'org enroll --out'.")
    Path dir;
    @Option(names = "--crl-validity", defaultValue = "P7D", paramLabel = "ISO-8601",
            description = "Validity of the first published CRL (default ${DEFAULT-VALUE}).")
    Duration crlValidity;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        BrokerClient client = broker.client();
        if (name == null) {
            Printing.table(out, client.get("api/organisations"), List.of("name", "status", "id", "created_at"));
            return;
        }
        var org = client.get("api/organisations/" + name + "/enrolment");
        out.println(name + ": " + org.path("status").asText());
        if (!"ACTIVE".equals(org.path("status").asText())) {
            return;
        }
        var cert = client.get("api/organisations/" + name + "/certificate");
        out.println("certificate " + cert.path("serial").asText() + " valid until " + cert.path("not_after").asText()
                + (cert.path("revoked_at").isNull() ? "" : ", revoked at " + cert.path("revoked_at").asText()));
        if (dir != null && !new OrgDirectory(dir).isApproved()) {
            install(out, client);
        }
    }

    private void install(PrintWriter out, BrokerClient client) {
        try {
            OrganisationCa ca = new OrgDirectory(dir).completeEnrolment(client, Clock.systemUTC(), crlValidity);
            out.println("organisation CA of " + ca.organisation() + " installed in " + dir);
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("cannot install the approved certificate: " + e.getMessage(), e);
        }
    }
}
