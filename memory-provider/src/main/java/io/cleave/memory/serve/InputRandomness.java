package io.cleave.memory.serve;

import io.cleave.mpc.JobRandomness;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this data owner's share seeds come from: the platform's generator, always, except in a
 * test that compares two jobs bit for bit and sets the INSECURE
 * {@code cleave.memory.insecure-fixed-share-seed-for-testing}, with which anyone who knows the
 * number can recompute every share this provider sends. It is never set by the demo or a
 * deployment, and a provider that has it says so loudly at start.
 */
@Singleton
public final class InputRandomness {
    private static final Logger LOG = LoggerFactory.getLogger(InputRandomness.class);
    private final Long fixedSeed;

    InputRandomness(@Value("${cleave.memory.insecure-fixed-share-seed-for-testing:}") String fixedSeed) {
        this.fixedSeed = fixedSeed == null || fixedSeed.isBlank() ? null : parse(fixedSeed);
        if (this.fixedSeed != null) {
            LOG.warn("INSECURE: cleave.memory.insecure-fixed-share-seed-for-testing is set: every share this provider "
                    + "sends can be recomputed by anyone who knows the seed. For tests only, never with real data.");
        }
    }

    /** Fresh seeds from the platform's generator. */
    public static InputRandomness secure() {
        return new InputRandomness("");
    }

    JobRandomness forJob() {
        return fixedSeed == null ? JobRandomness.secure() : JobRandomness.insecureDeterministicForTesting(fixedSeed);
    }

    private static long parse(String seed) {
        try {
            return Long.parseLong(seed.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cleave.memory.insecure-fixed-share-seed-for-testing must be a number, "
                    + "found '" + seed + "'");
        }
    }
}
