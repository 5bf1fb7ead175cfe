package io.cleave.broker.audit;

import jakarta.inject.Singleton;
import java.util.Arrays;

/**
 * Gauges of the outbox relay for {@code /api/system}: how far Kafka lags behind the log, and the
 * recent delivery lag (record time to Kafka commit) of the last {@value #WINDOW} records.
 * Thread-safe.
 */
@Singleton
public final class RelayMetrics {
    static final int WINDOW = 16_384;
    private final long[] lagsMs = new long[WINDOW];
    private long recorded;
    private long published = -1;
    private long failures;
    private boolean kafkaAvailable = true;

    synchronized void published(long publishedSize, long[] lagMillis) {
        published = publishedSize;
        for (long lag : lagMillis) {
            lagsMs[(int) (recorded++ % WINDOW)] = lag;
        }
        kafkaAvailable = true;
    }

    synchronized void positionKnown(long publishedSize) {
        published = publishedSize;
    }

    synchronized void failed() {
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

    public synchronized boolean kafkaAvailable() {
        return kafkaAvailable;
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
