package io.cleave.cli.pki;

import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.cli.BrokerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cleave provider cert issue|renew|revoke}: the organisation certifies its own providers
 * with the CA key in its directory; the broker only registers the certificates (for the audit log)
 * and relays the organisation's CRL.
 */
@Command(name = "cert", description = "Provider certificates (ECDSA P-256, for mutual TLS and the sealed channel),"
        + " issued by the organisation's own CA.", mixinStandardHelpOptions = true,
        subcommands = {ProviderCertCommand.Issue.class, ProviderCertCommand.Renew.class,
            ProviderCertCommand.Revoke.class})
public final class ProviderCertCommand {
    private static final Clock CLOCK = Clock.systemUTC();

    /** Options every subcommand shares. */
    static class OrgOptions {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Option(names = "--org-dir", required = true, paramLabel = "DIR",
                description = "The organisation's directory (from 'org enroll --out', after 'org status --dir').")
        Path orgDir;
        @Option(names = "--crl-validity", defaultValue = "P7D", paramLabel = "ISO-8601",
                description = "Validity of the organisation CRL published with this change (default ${DEFAULT-VALUE}).")
        Duration crlValidity;

        OrgDirectory dir() {
            return new OrgDirectory(orgDir);
        }

        OrganisationCa ca() throws IOException, PkiException {
            return dir().loadCa(CLOCK);
        }

        /** Keeps a copy, registers the certificate with the broker (audited) and refreshes the CRL. */
        void publish(OrganisationCa ca, X509Certificate certificate) throws IOException {
            dir().publishIssued(broker.client(), ca, certificate, crlValidity);
        }

        void println(String line) {
            spec.commandLine().getOut().println(line);
        }
    }

    @Command(name = "issue", description = "Create a provider key in --out and certify it: writes "
            + ProviderFiles.KEY + " (0600), " + ProviderFiles.CHAIN + " and " + ProviderFiles.ROOT + ".")
    static final class Issue extends OrgOptions implements Runnable {
        @Option(names = "--provider", required = true, description = "Provider name, e.g. cpu-1.")
        String provider;
        @Option(names = "--kind", required = true, description = "COMPUTE or MEMORY (case-insensitive).")
        String kind;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The provider's directory.")
        Path out;
        @Option(names = "--validity", defaultValue = "P7D", paramLabel = "ISO-8601",
                description = "Certificate validity, at most 30 days (default ${DEFAULT-VALUE}).")
        Duration validity;

        @Override
        public void run() {
            try {
                X509Certificate certificate = dir().issueProvider(broker.client(), ca(), provider, kind(),
                        ProviderFiles.in(out), validity, crlValidity);
                println("issued " + provider + " certificate " + certificate.getSerialNumber().toString(16)
                        + " valid until " + certificate.getNotAfter().toInstant() + " in " + out);
            } catch (IOException | PkiException e) {
                throw new IllegalStateException("cannot issue the certificate: " + e.getMessage(), e);
            }
        }

        private ProviderKind kind() {
            try {
                return ProviderKind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--kind must be COMPUTE or MEMORY, got '" + kind + "'");
            }
        }
    }

    @Command(name = "renew", description = "Certify the same provider key again for a new validity period,"
            + " rewriting " + ProviderFiles.CHAIN + " in --out.")
    static final class Renew extends OrgOptions implements Runnable {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The provider's directory.")
        Path out;
        @Option(names = "--validity", defaultValue = "P7D", paramLabel = "ISO-8601",
                description = "New validity, at most 30 days (default ${DEFAULT-VALUE}).")
        Duration validity;
        @Option(names = "--if-expiring-within", paramLabel = "ISO-8601",
                description = "Only renew when less than this is left (for a daily cron job), e.g. P2D.")
        Duration margin;

        @Override
        public void run() {
            try {
                ProviderFiles files = ProviderFiles.in(out);
                X509Certificate current = files.certificate();
                if (margin != null && !OrganisationCa.needsRenewal(current, CLOCK, margin)) {
                    println("not renewed: valid until " + current.getNotAfter().toInstant());
                    return;
                }
                OrganisationCa ca = ca();
                X509Certificate renewed = ca.renew(current, validity);
                files.writeChain(ca.chainFor(renewed), dir().root());
                publish(ca, renewed);
                println("renewed certificate " + renewed.getSerialNumber().toString(16) + " valid until "
                        + renewed.getNotAfter().toInstant());
            } catch (IOException | PkiException e) {
                throw new IllegalStateException("cannot renew the certificate: " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "revoke", description = "Revoke every certificate issued to --provider and publish the"
            + " organisation's CRL: the broker refuses the provider from its next connection.")
    static final class Revoke extends OrgOptions implements Runnable {
        @Option(names = "--provider", required = true, description = "Provider name.")
        String provider;

        @Override
        public void run() {
            try {
                OrganisationCa ca = ca();
                List<X509Certificate> issued = dir().issuedTo(provider);
                if (issued.isEmpty()) {
                    throw new IllegalArgumentException("no certificate was issued to provider '" + provider + "'");
                }
                for (X509Certificate certificate : issued) {
                    ca.revokeProvider(certificate);
                    dir().recordRevoked(certificate);
                }
                dir().publishCrl(broker.client(), ca, crlValidity);
                println("revoked " + issued.size() + " certificate(s) of " + provider);
            } catch (IOException | PkiException e) {
                throw new IllegalStateException("cannot revoke: " + e.getMessage(), e);
            }
        }
    }
}
