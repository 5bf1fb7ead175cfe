package io.cleave.channel;

/**
 * Rekeying policy, per direction: the sending key is replaced by a key derived from it after
 * {@code rekeyAfterFrames} frames or {@code rekeyAfterBytes} plaintext bytes, whichever comes
 * first, so one AES-GCM key never protects more than that. Both sides must use the same policy
 * (it travels in the hello and is checked).
 */
public record ChannelSettings(long rekeyAfterFrames, long rekeyAfterBytes) {
    /** 2^20 frames or 16 GiB per key: far below AES-GCM's limits, rarely enough to cost anything. */
    public static final ChannelSettings DEFAULT = new ChannelSettings(1L << 20, 1L << 34);

    public ChannelSettings {
        if (rekeyAfterFrames < 1) {
            throw new IllegalArgumentException("rekeyAfterFrames must be >= 1, got " + rekeyAfterFrames);
        }
        if (rekeyAfterBytes < 1) {
            throw new IllegalArgumentException("rekeyAfterBytes must be >= 1, got " + rekeyAfterBytes);
        }
    }
}
