package io.cleave.cli.pki;

import io.cleave.cli.BrokerOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cleave org revoke NAME}: the organisation's CA certificate goes on the federation CRL. */
@Command(name = "revoke", description = "Broker administrator: revoke an organisation; every provider of it is"
        + " refused from its next connection or handshake.")
public final class OrgRevokeCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "The organisation to revoke.")
    String name;

    @Override
    public void run() {
        var org = broker.client().post("api/organisations/" + name + "/revoke", Map.of());
        spec.commandLine().getOut().println("revoked " + name + ", status " + org.path("status").asText());
    }
}
