package io.cleave.memory;

import io.micronaut.runtime.Micronaut;

/** Entry point of the memory-provider process. */
public final class MemoryProviderApplication {
    private MemoryProviderApplication() {
    }

    /** Every singleton is built before the servers accept calls: the database is migrated, Kafka is up. */
    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MemoryProviderApplication.class).eagerInitSingletons(true).start();
    }
}
