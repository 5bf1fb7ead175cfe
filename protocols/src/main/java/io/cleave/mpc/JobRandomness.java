package io.cleave.mpc;

import io.cleave.mpc.internal.PrgSeed;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Where one participant's seeds come from: the platform's cryptographic generator in
 * deployments, or a fixed seed for reproducible tests and benchmarks. A seed is per participant,
 * never shared: the deterministic form derives every participant's seeds from its own label.
 *
 * <p>Thread-safe.
 */
public final class JobRandomness {
    private final SecureRandom secure;
    private final PrgSeed root;

    private JobRandomness(SecureRandom secure, PrgSeed root) {
        this.secure = secure;
        this.root = root;
    }

    public static JobRandomness secure() {
        return new JobRandomness(new SecureRandom(), null);
    }

    /**
     * A fresh secret root from the platform's generator from which every seed derives (SHA-256 of
     * root and label): a dealer that keeps this object can deal a resumed job again with exactly
     * the same seeds. Whoever holds it holds every dealt mask and triple of the job: it stays in the
     * dealer's memory, never stored or sent.
     */
    public static JobRandomness resumable() {
        return new JobRandomness(null, PrgSeed.random(new SecureRandom()));
    }

    /**
     * Reproducible seeds from {@code seed}: NOT secret, since anyone who knows the number can
     * recompute every share. For tests and benchmarks only.
     */
    public static JobRandomness insecureDeterministicForTesting(long seed) {
        return new JobRandomness(null, PrgSeed.fromWire(ByteBuffer.allocate(PrgSeed.BYTES).putLong(seed).array()));
    }

    /** A fresh seed for {@code label} (unique per participant and purpose within a job). */
    PrgSeed seed(String label) {
        return root == null ? PrgSeed.random(secure) : root.derive(label);
    }
}
