package io.cleave.cli.pki;

import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.cli.BrokerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cleave org enroll}: key and CSR made here, only the CSR sent. */
@Command(name = "enroll", description = {
    "Enrol an organisation: creates its CA key (ECDSA P-256, file mode 0600) and a PKCS#10 CSR in DIR,",
    "then submits only the CSR. The organisation is PENDING until a broker administrator runs",
    "'cleave org approve NAME'; then 'cleave org status NAME --dir DIR' fetches the certificate."})
public final class OrgEnrollCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Option(names = "--name", required = true, description = "Organisation name: lower-case letters, digits, '-'.")
    String name;
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The organisation's own directory (created 0700); keep it private.")
    Path out;

    @Override
    public void run() {
        OrgDirectory dir = new OrgDirectory(out);
        OrganisationEnrolment enrolment;
        try {
            enrolment = dir.createEnrolment(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        var org = broker.client().post("api/organisations/enrolments", Map.of("csr_pem", enrolment.csrPem()));
        spec.commandLine().getOut().println("enrolment of " + org.path("name").asText() + " submitted, status "
                + org.path("status").asText() + "; key and CSR in " + out);
    }
}
