package io.cleave.mpc;

/**
 * Counters of one compute party's {@link ExCache} for one job. An access is one visit of one block
 * in an epoch's pass over the rows (the steps of that pass that share the block count once, so the
 * hit rate does not depend on how blocks and batches line up); it is a hit when the block was
 * resident without fetching it for this visit, a miss when it was fetched for it from the data
 * owner (ahead of time by the prefetcher, or on demand).
 *
 * @param hits accesses served from the cache
 * @param misses accesses that needed a fetch
 * @param fetchedBytes bytes of E received from data owners
 * @param residentBytes bytes held now (E and mask share of resident and requested blocks)
 * @param peakResidentBytes the most bytes held at once so far; never above {@code capacityBytes}
 * @param capacityBytes the configured bound
 */
public record ExCacheStats(long hits, long misses, long fetchedBytes, long residentBytes, long peakResidentBytes,
        long capacityBytes) {
    /** Hits over accesses, or NaN before the first access. */
    public double hitRate() {
        return hitRate(hits, misses);
    }

    /** Hits over accesses of counters as reported (the broker sees only these two), or NaN when there were none. */
    public static double hitRate(long hits, long misses) {
        long accesses = hits + misses;
        return accesses == 0 ? Double.NaN : (double) hits / accesses;
    }
}
