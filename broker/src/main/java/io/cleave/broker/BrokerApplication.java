package io.cleave.broker;

import io.micronaut.runtime.Micronaut;

/** Entry point of the broker process. */
public final class BrokerApplication {
    private BrokerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(BrokerApplication.class, args);
    }
}
