package io.cleave.cli;

import io.cleave.cli.client.BrokerException;
import io.cleave.cli.demo.DemoCommand;
import io.cleave.cli.process.AppCommands;
import io.cleave.dataset.DatasetFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./cleave} launcher. */
@Command(name = "cleave", mixinStandardHelpOptions = true, version = "cleave 0.1.0",
        description = "Federated cross-domain compute broker.",
        subcommands = {DemoCommand.class, AppCommands.Broker.class, AppCommands.MemoryProvider.class,
            AppCommands.ComputeProvider.class, OrgCommand.class, DatasetCommand.class, JobCommand.class,
            AuditCommand.class, io.cleave.cli.attest.AttestCommand.class})
public final class CleaveCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A command line whose expected failures print one line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CleaveCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof BrokerException || e instanceof DatasetFormatException || e instanceof IllegalStateException
                    || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("cleave: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
