package io.cleave.cli.pki;

import picocli.CommandLine.Command;

/** {@code cleave provider ...}: what an organisation does for its providers. */
@Command(name = "provider", description = "Providers of an organisation: certificates.", mixinStandardHelpOptions = true,
        subcommands = {ProviderCertCommand.class})
public final class ProviderCommand {
}
