package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./cleave login}: signs in and stores the token for later commands. A first sign-in with a
 * one-time password also replaces it.
 */
@Command(name = "login", description = {"Sign in to the broker and keep the token for later commands (in --token-file, "
        + "mode 600, one token per broker URL).",
    "The password comes from env CLEAVE_PASSWORD, --password-file, or a prompt; never from the command line. A "
        + "one-time password must be replaced at once: the new one comes from env CLEAVE_NEW_PASSWORD, "
        + "--new-password-file, or a prompt."})
final class LoginCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Option(names = "--user", required = true, paramLabel = "NAME", description = "Who signs in.")
    String user;
    @Option(names = "--password-file", paramLabel = "FILE", description = "A file holding the password.")
    Path passwordFile;
    @Option(names = "--new-password-file", paramLabel = "FILE",
            description = "A file holding the new password, when the current one is a one-time password.")
    Path newPasswordFile;

    @Override
    public void run() {
        BrokerClient client = new BrokerClient(broker.brokerUrl());
        char[] password = Passwords.read("CLEAVE_PASSWORD", passwordFile, "password of " + user);
        try {
            JsonNode session = client.login(user, password);
            if (session.path("password_change_required").asBoolean()) {
                session = replaceOneTimePassword(client.withToken(session.path("access_token").asText()), password);
            }
            broker.tokens().store(broker.brokerUrl(), session.path("access_token").asText());
            String organisation = session.path("organisation").isTextual()
                    ? " of " + session.path("organisation").asText() : "";
            spec.commandLine().getOut().println("signed in to " + client.base() + " as " + user + " ("
                    + session.path("roles").path(0).asText() + organisation + "); token in " + broker.tokens().file()
                    + ", valid for " + session.path("expires_in").asLong() + " s");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private JsonNode replaceOneTimePassword(BrokerClient client, char[] oneTime) {
        spec.commandLine().getErr().println("The password of " + user + " is a one-time password: choose your own.");
        char[] chosen = Passwords.readNew("CLEAVE_NEW_PASSWORD", newPasswordFile, "new password of " + user);
        try {
            return client.post("api/users/me/password", Map.of("current_password", new String(oneTime),
                    "new_password", new String(chosen)));
        } finally {
            Arrays.fill(chosen, '\0');
        }
    }
}
