package io.cleave.cli;

import io.cleave.cli.pki.OrgApproveCommand;
import io.cleave.cli.pki.OrgEnrollCommand;
import io.cleave.cli.pki.OrgRevokeCommand;
import io.cleave.cli.pki.OrgStatusCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Organisations of the federation. */
@Command(name = "org", description = "Organisations: enroll, approve, status, revoke, create, list.",
        mixinStandardHelpOptions = true,
        subcommands = {OrgEnrollCommand.class, OrgApproveCommand.class, OrgStatusCommand.class, OrgRevokeCommand.class,
            OrgCommand.Create.class, OrgCommand.ListOrgs.class})
final class OrgCommand {

    @Command(name = "create", description = "Register an organisation with the broker.")
    static final class Create implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Lower-case name, e.g. hospital-a.")
        String name;

        @Override
        public void run() {
            var org = broker.client().post("api/organisations", Map.of("name", name));
            spec.commandLine().getOut().println("created organisation " + org.path("name").asText() + " (id "
                    + org.path("id").asText() + ")");
        }
    }

    @Command(name = "list", description = "List organisations.")
    static final class ListOrgs implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Printing.table(spec.commandLine().getOut(), broker.client().get("api/organisations"),
                    List.of("name", "status", "id", "created_at"));
        }
    }
}
