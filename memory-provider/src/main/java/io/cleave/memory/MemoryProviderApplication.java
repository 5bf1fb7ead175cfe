package io.cleave.memory;

import io.micronaut.runtime.Micronaut;

/** Entry point of the memory-provider process. */
public final class MemoryProviderApplication {
    private MemoryProviderApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(MemoryProviderApplication.class, args);
    }
}
