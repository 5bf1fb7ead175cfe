package io.cleave.compute;

import io.micronaut.runtime.Micronaut;

/** Entry point of the compute-provider process. */
public final class ComputeProviderApplication {
    private ComputeProviderApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ComputeProviderApplication.class, args);
    }
}
