package io.cleave.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cleave bench}: measurements of the engine, printed as JSON lines. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchTrainCommand.class, BenchSynthCommand.class, ChannelBenchCommand.class,
                BenchExcacheCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
