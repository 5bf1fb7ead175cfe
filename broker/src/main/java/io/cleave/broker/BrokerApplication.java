package io.cleave.broker;

import io.micronaut.runtime.Micronaut;

/** Entry point of the broker process. */
public final class BrokerApplication {
    private BrokerApplication() {
    }

    /** Every singleton is built before the servers accept calls: the database is migrated, Kafka is up. */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BrokerApplication.class).eagerInitSingletons(true).start();
    }
}
