package io.cleave.cli;

import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.client.TokenStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the broker's REST API is, and the token of {@code ./cleave login} for it, for client commands. */
public final class BrokerOptions {
    @Option(names = {"--broker-url", "--broker"}, defaultValue = "${env:CLEAVE_BROKER_URL:-http://127.0.0.1:8080}",
            description = "The broker's REST API (default: ${DEFAULT-VALUE}; env CLEAVE_BROKER_URL).")
    String brokerUrl;
    @Option(names = "--token-file", paramLabel = "FILE",
            defaultValue = "${env:CLEAVE_TOKEN_FILE:-${sys:user.home}/.cleave/token}",
            description = "Where ./cleave login keeps its tokens, one per broker URL (default: ${DEFAULT-VALUE}; "
                    + "env CLEAVE_TOKEN_FILE).")
    Path tokenFile;

    public String brokerUrl() {
        return brokerUrl;
    }

    public TokenStore tokens() {
        return new TokenStore(tokenFile);
    }

    /** A client carrying the stored token for this broker, if there is one. */
    public BrokerClient client() {
        return new BrokerClient(brokerUrl, tokens().tokenFor(brokerUrl).orElse(null));
    }
}
