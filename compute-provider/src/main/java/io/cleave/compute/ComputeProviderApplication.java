package io.cleave.compute;

import io.micronaut.runtime.Micronaut;

/** Entry point of the compute-provider process. */
public final class ComputeProviderApplication {
    private ComputeProviderApplication() {
    }

    /** Every singleton is built before the servers accept calls: the database is migrated, Kafka is up. */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ComputeProviderApplication.class).eagerInitSingletons(true).start();
    }
}
