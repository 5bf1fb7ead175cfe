package io.cleave.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The benchmark commands' warm-up: untimed rounds of the measured work until the JIT is quiet, so
 * that every mode is timed compiled, as it runs in a long-running provider, and no mode is timed
 * while C2 still compiles another's code on the same cores. A round is quiet when the JIT compiled
 * for less than {@link #QUIET_JIT_SHARE} of its time; the warm-up ends after two quiet rounds in a
 * row, and never before {@code minRounds} nor after {@code maxRounds} (where the JIT never goes
 * quiet or cannot report its time). Not thread-safe.
 *
 * <pre>{@code
 * JitWarmUp warmUp = new JitWarmUp(1, 5);
 * while (warmUp.needsRound()) {
 *     warmUp.roundStarts();
 *     warmUp.roundEnded(runOnce());
 * }
 * }</pre>
 */
public final class JitWarmUp {
    /**
     * Why 5 %: on JDK 17 the JIT reaches the AES-CTR and GHASH intrinsics only once C2 has compiled
     * their callers, which run a few times per frame or step, not per byte; until then the ciphers
     * run in Java at about 30 MiB/s, and a fixed warm-up ended mid-compilation (-XX:+PrintCompilation
     * showed C2 compiling GHASH.update 19 s into a 30 s channel benchmark).
     */
    public static final double QUIET_JIT_SHARE = 0.05;

    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
    private final int minRounds;
    private final int maxRounds;
    private int rounds;
    private int quietInARow;
    private long compiledAtStart;

    public JitWarmUp(int minRounds, int maxRounds) {
        if (minRounds < 0 || maxRounds < minRounds) {
            throw new IllegalArgumentException("warm-up rounds: need 0 <= min <= max, found " + minRounds + " and "
                    + maxRounds);
        }
        this.minRounds = minRounds;
        this.maxRounds = maxRounds;
    }

    /** Whether another round is due. */
    public boolean needsRound() {
        return rounds < maxRounds && (rounds < minRounds || quietInARow < 2);
    }

    public void roundStarts() {
        compiledAtStart = jitTimed ? jit.getTotalCompilationTime() : 0;
    }

    /** @param nanos the round's time (its measured part) */
    public void roundEnded(long nanos) {
        boolean quiet = jitTimed && (jit.getTotalCompilationTime() - compiledAtStart) * 1e6 < QUIET_JIT_SHARE * nanos;
        quietInARow = quiet ? quietInARow + 1 : 0;
        rounds++;
    }

    /** Rounds run so far. */
    public int rounds() {
        return rounds;
    }
}
