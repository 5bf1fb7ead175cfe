package io.cleave.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./cleave} launcher. */
@Command(name = "cleave", mixinStandardHelpOptions = true, version = "cleave 0.1.0",
        description = "Federated cross-domain compute broker.")
public final class CleaveCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CleaveCommand()).execute(args));
    }
}
