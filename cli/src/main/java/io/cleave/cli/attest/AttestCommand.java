package io.cleave.cli.attest;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cleave attest}: commands that verify attestation evidence. */
@Command(name = "attest", mixinStandardHelpOptions = true, subcommands = {VerifySnpCommand.class, MeasureCommand.class},
        description = "Verify attestation evidence; measure a compute provider jar for an ENCLAVE policy.")
public final class AttestCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a subcommand there is nothing to do: show the usage and report a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
