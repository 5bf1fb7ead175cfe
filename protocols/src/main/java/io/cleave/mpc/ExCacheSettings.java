package io.cleave.mpc;

/**
 * How a compute party's {@link ExCache} is sized: a party-local choice (not part of the consented
 * job spec), so each compute provider sets it from its own configuration.
 *
 * @param capacityBytes most bytes of cached blocks held at once, E and this party's mask share
 *     together (16 bytes per element); must hold at least one block of the job
 * @param blockRows rows per block, ≥ 1; a job with many features uses fewer, so that one block fits
 *     one frame ({@link io.cleave.mpc.internal.Frames#MAX_ELEMENTS} elements)
 * @param prefetchBlocks how many blocks ahead of the step in progress are requested, ≥ 1
 */
public record ExCacheSettings(long capacityBytes, int blockRows, int prefetchBlocks) {
    /** Bytes one cached element costs: E and this party's mask share. */
    public static final int ELEMENT_BYTES = 2 * Long.BYTES;
    /** 256 MiB: a 100 000 × 128 training set's E and mask share fit whole. */
    public static final long DEFAULT_CAPACITY_BYTES = 256L << 20;
    /** Rows per block unless a compute provider chooses otherwise. */
    public static final int DEFAULT_BLOCK_ROWS = 128;
    /**
     * Blocks requested ahead: several round trips of the relay in flight while the steps in
     * between compute, so a fetch is normally answered before its step starts.
     */
    public static final int DEFAULT_PREFETCH_BLOCKS = 8;
    public static final ExCacheSettings DEFAULT = of(DEFAULT_CAPACITY_BYTES);
    /** No bound: every block stays once fetched, so E crosses once per job whatever its size. */
    public static final ExCacheSettings UNBOUNDED = of(Long.MAX_VALUE);

    public ExCacheSettings {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("the ExCache size must be at least 1 byte, found " + capacityBytes);
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("an ExCache block needs at least one row, found " + blockRows);
        }
        if (prefetchBlocks < 1) {
            throw new IllegalArgumentException("the ExCache must prefetch at least one block, found "
                    + prefetchBlocks);
        }
    }

    /** A cache of {@code capacityBytes} with the default block size and prefetch window. */
    public static ExCacheSettings of(long capacityBytes) {
        return new ExCacheSettings(capacityBytes, DEFAULT_BLOCK_ROWS, DEFAULT_PREFETCH_BLOCKS);
    }
}
