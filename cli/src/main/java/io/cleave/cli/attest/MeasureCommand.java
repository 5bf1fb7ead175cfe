package io.cleave.cli.attest;

import io.cleave.attestation.software.CodeMeasurement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cleave attest measure --code FILE}: the software measurement a compute provider running
 * that jar reports, for a data owner's ENCLAVE policy ({@code measurements = ...}).
 */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Print the software measurement (96 hex digits) of a compute provider jar, for an ENCLAVE policy.")
public final class MeasureCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--code", required = true, paramLabel = "FILE",
            description = "The compute provider jar (e.g. compute-provider/target/compute-provider-0.1.0-SNAPSHOT.jar).")
    Path code;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(code)) {
            spec.commandLine().getErr().println("--code " + code + " is not a file");
            return CommandLine.ExitCode.USAGE;
        }
        spec.commandLine().getOut().println(CodeMeasurement.of(code).hex());
        return CommandLine.ExitCode.OK;
    }
}
