package io.cleave.cli;

import io.cleave.cli.client.BrokerException;
import io.cleave.cli.pki.OrgDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cleave job consent-agent}: the organisation's standing consent policy, applied by its own agent. */
@Command(name = "consent-agent", mixinStandardHelpOptions = true,
        description = "Apply your organisation's standing consent policy to the jobs awaiting its consent: sign "
                + "approvals and refusals with its key, and list the jobs an administrator must decide.")
public final class JobConsentAgentCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Option(names = "--org-dir", required = true, description = "The organisation folder made by 'cleave org enroll'.")
    Path orgDir;
    @Option(names = "--policy", required = true, paramLabel = "FILE",
            description = "The standing consent policy (JSON, version 1), read again at every look.")
    Path policy;
    @Option(names = "--once", description = "Look once and exit (e.g. from cron); by default it keeps looking.")
    boolean once;
    @Option(names = "--interval", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "Time between looks, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public void run() {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be positive, found " + interval);
        }
        PrintWriter out = spec.commandLine().getOut();
        OrgDirectory dir = new OrgDirectory(orgDir);
        ConsentAgent agent = new ConsentAgent(broker.client(), dir, policy, out);
        try {
            agent.policy();
            String organisation = dir.organisation();
            if (once) {
                if (agent.poll() == 0) {
                    out.println("no job awaits the consent of " + organisation);
                }
                return;
            }
            out.println("consent agent of " + organisation + ": policy " + policy + ", a look every "
                    + interval.toSeconds() + " s");
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    agent.poll();
                } catch (BrokerException | IllegalArgumentException e) {
                    spec.commandLine().getErr().println("consent agent: " + e.getMessage() + "; next look in "
                            + interval.toSeconds() + " s");
                }
                out.flush();
                Thread.sleep(interval.toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
