package io.cleave.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** People who sign in: the broker administrator manages everyone, an organisation administrator its own organisation. */
@Command(name = "user", description = "Users: create, list, remove.", mixinStandardHelpOptions = true,
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Remove.class})
final class UserCommand {

    @Command(name = "create", description = {"Create a user with a one-time password, printed once; the user replaces "
            + "it at the first ./cleave login."})
    static final class Create implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Lower-case user name.")
        String name;
        @Option(names = "--role", required = true, description = "BROKER_ADMIN, ORG_ADMIN, ORG_MEMBER or AUDITOR.")
        String role;
        @Option(names = "--org", paramLabel = "ORGANISATION", description = "The organisation of an ORG_ADMIN or ORG_MEMBER.")
        String organisation;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", name);
            body.put("role", role);
            if (organisation != null) {
                body.put("organisation", organisation);
            }
            var user = broker.client().post("api/users", body);
            spec.commandLine().getOut().println("created user " + name + " (" + user.path("role").asText()
                    + (organisation == null ? "" : " of " + organisation) + "); one-time password: "
                    + user.path("one_time_password").asText());
        }
    }

    @Command(name = "list", description = "List the users you may see.")
    static final class ListUsers implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Printing.table(spec.commandLine().getOut(), broker.client().get("api/users"),
                    List.of("username", "role", "organisation", "password_change_required"));
        }
    }

    @Command(name = "remove", description = "Remove a user.")
    static final class Remove implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "The user to remove.")
        String name;

        @Override
        public void run() {
            broker.client().delete("api/users/" + name);
            spec.commandLine().getOut().println("removed user " + name);
        }
    }
}
