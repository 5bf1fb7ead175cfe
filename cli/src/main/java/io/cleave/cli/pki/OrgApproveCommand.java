package io.cleave.cli.pki;

import io.cleave.cli.BrokerOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleave org approve NAME}: the broker administrator issues the organisation CA certificate. */
@Command(name = "approve", description = "Broker administrator: approve a pending enrolment; the broker issues the"
        + " organisation's CA certificate, name-constrained to O=NAME.")
public final class OrgApproveCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The organisation to approve.")
    String name;

    @Override
    public void run() {
        var cert = broker.client().post("api/organisations/" + name + "/approve", Map.of());
        spec.commandLine().getOut().println("approved " + name + ": certificate " + cert.path("serial").asText()
                + " valid until " + cert.path("not_after").asText());
    }
}
