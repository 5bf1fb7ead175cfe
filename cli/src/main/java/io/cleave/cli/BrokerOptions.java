package io.cleave.cli;

import io.cleave.cli.client.BrokerClient;
import picocli.CommandLine.Option;

/** Where the broker's REST API is, for client commands. */
public final class BrokerOptions {
    @Option(names = {"--broker-url", "--broker"}, defaultValue = "${env:CLEAVE_BROKER_URL:-http://127.0.0.1:8080}",
            description = "The broker's REST API (default: ${DEFAULT-VALUE}; env CLEAVE_BROKER_URL).")
    String brokerUrl;

    public BrokerClient client() {
        return new BrokerClient(brokerUrl);
    }
}
