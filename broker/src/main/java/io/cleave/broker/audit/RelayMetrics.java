package io.cleave.broker.audit;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;

/**
 * Gauges of the outbox relay for {@code /api/system}: how far Kafka lags behind the log, and the
 * recent delivery lag (record time to Kafka commit) of the last {@value #WINDOW} records.
 * Thread-safe.
 */
@Singleton
public final class RelayMetrics {
    static final int WINDOW = 16_384;
    /** Longer than the producer's request and blocking timeouts, so only a stuck call exceeds it. */
    static final Duration STALLED = Duration.ofSeconds(20);
    private final long[] lagsMs = new long[WINDOW];
    private long recorded;
    private long published = -1;
    private long failures;
    private boolean kafkaAvailable = true;
    /** When the Kafka call in progress started ({@link System#nanoTime()}), or 0 when none is. */
    private long attemptStartedNanos;

    /** A Kafka call starts; it ends with {@link #published}, {@link #positionKnown} or {@link #failed}. */
    synchronized void attempting() {
        attemptStartedNanos = Math.max(1, System.nanoTime());
    }

    synchronized void published(long publishedSize, long[] lagMillis) {
        attemptStartedNanos = 0;
        published = publishedSize;
        for (long lag : lagMillis) {
            lagsMs[(int) (recorded++ % WINDOW)] = lag;
        }
        kafkaAvailable = true;
    }

    synchronized void positionKnown(long publishedSize) {
        attemptStartedNanos = 0;
        published = publishedSize;
    }

    synchronized void failed() {
        attemptStartedNanos = 0;
        failures++;
        kafkaAvailable = false;
    }

    /** Leaves Kafka holds; -1 until the relay has read it. */
    public synchronized long publishedSize() {
        return published;
    }

    public synchronized long failures() {
        return failures;
    }

    /**
     * False after a failed Kafka call until one succeeds, and while a call has been blocked for
     * longer than {@link #STALLED}: the client's own timeouts end most calls sooner, but a blocked
     * call must not leave the gauge saying all is well.
     */
    public synchronized boolean kafkaAvailable() {
        boolean stalled = attemptStartedNanos != 0 && System.nanoTime() - attemptStartedNanos > STALLED.toNanos();
        return kafkaAvailable && !stalled;
    }

    /** The {@code q}-quantile (0..1) of the recent delivery lags in milliseconds; 0 before any delivery. */
    public synchronized long lagQuantileMs(double q) {
        int n = (int) Math.min(recorded, WINDOW);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(lagsMs, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1 < 0 ? 0 : (int) Math.ceil(q * n) - 1)];
    }
}
