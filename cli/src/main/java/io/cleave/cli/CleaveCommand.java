package io.cleave.cli;

import io.cleave.cli.attest.AttestCommand;
import io.cleave.cli.bench.BenchCommand;
import io.cleave.cli.client.BrokerException;
import io.cleave.cli.demo.DemoCommand;
import io.cleave.cli.pki.ProviderCommand;
import io.cleave.cli.process.AppCommands;
import io.cleave.dataset.DatasetFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./cleave} launcher. */
@Command(name = "cleave", mixinStandardHelpOptions = true, version = "cleave 0.1.0",
        description = "Federated cross-domain compute broker.",
        subcommands = {DemoCommand.class, AppCommands.Broker.class, AppCommands.MemoryProvider.class,
            AppCommands.ComputeProvider.class, OrgCommand.class, ProviderCommand.class, DatasetCommand.class,
            JobCommand.class, AuditCommand.class, AttestCommand.class, BenchCommand.class, LoginCommand.class,
            UserCommand.class})
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
        withHelp(cl);
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

    /** Every command, however deep, answers --help and --version. */
    private static void withHelp(CommandLine cl) {
        if (!cl.getCommandSpec().mixinStandardHelpOptions()) {
            cl.getCommandSpec().mixinStandardHelpOptions(true);
        }
        cl.getSubcommands().values().forEach(CleaveCommand::withHelp);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
