package io.cleave.mpc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Frame encoding of the engine: one tag byte, then little-endian 64-bit ring elements (or a
 * 32-byte seed). A tag mismatch means the two ends disagree about the protocol step, which is
 * reported rather than silently misread.
 */
public final class Frames {
    public static final byte SEED = 1;
    public static final byte INPUT_FEATURES = 2;
    public static final byte INPUT_LABELS = 3;
    public static final byte OPEN = 4;
    public static final byte CORRECTION = 5;
    /** A compute party asks a data owner for a block of E: first row and row count, owner-local (ExCache miss). */
    public static final byte FETCH = 6;
    /** A data owner's answer to {@link #FETCH}: the block's rows of E, row-major. */
    public static final byte MASKED_ROWS = 7;
    /** A compute party needs no more blocks from this data owner. */
    public static final byte DONE = 8;
    /** A data owner refused a request; the payload is the reason in UTF-8. */
    public static final byte REFUSED = 9;
    /** Bytes of a {@link #FETCH} frame: the tag and two little-endian 32-bit integers. */
    public static final int FETCH_BYTES = 1 + 2 * Integer.BYTES;
    /**
     * Largest number of ring elements in one frame (256 KiB). Bulk transfers are cut into pages
     * this size so a receiver works on one page while the next is in flight, and a frame stays
     * below G1's humongous-object threshold (half a region, at least 512 KiB) whatever the heap.
     */
    public static final int MAX_ELEMENTS = 1 << 15;

    private Frames() {
    }

    public static byte[] encode(byte tag, long[] values, int offset, int length) {
        byte[] frame = new byte[1 + length * Long.BYTES];
        frame[0] = tag;
        ByteBuffer.wrap(frame, 1, length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .put(values, offset, length);
        return frame;
    }

    /**
     * Writes a frame of {@code length} elements over {@code frame}, which must have exactly that
     * size: a party that has decoded a frame it received can send its own values on in the same
     * array instead of allocating another.
     */
    public static byte[] encodeOver(byte[] frame, byte tag, long[] values, int offset, int length) {
        if (frame.length != 1 + length * Long.BYTES) {
            throw new IllegalArgumentException("a frame of " + frame.length + " bytes cannot hold " + length
                    + " ring elements");
        }
        frame[0] = tag;
        ByteBuffer.wrap(frame, 1, length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .put(values, offset, length);
        return frame;
    }

    public static byte[] encode(byte tag, long[] values) {
        return encode(tag, values, 0, values.length);
    }

    /** Decodes exactly {@code length} elements into {@code out[offset..]}, checking tag and size. */
    public static void decodeInto(byte tag, byte[] frame, long[] out, int offset, int length, String what) {
        checkLength(tag, frame, length, what);
        ByteBuffer.wrap(frame, 1, length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .get(out, offset, length);
    }

    public static long[] decode(byte tag, byte[] frame, int length, String what) {
        long[] out = new long[length];
        decodeInto(tag, frame, out, 0, length, what);
        return out;
    }

    public static byte[] encodeSeed(PrgSeed seed) {
        byte[] key = seed.toWire();
        byte[] frame = new byte[1 + key.length];
        frame[0] = SEED;
        System.arraycopy(key, 0, frame, 1, key.length);
        return frame;
    }

    public static PrgSeed decodeSeed(byte[] frame, String what) {
        checkTag(SEED, frame, what);
        return PrgSeed.fromWire(java.util.Arrays.copyOfRange(frame, 1, frame.length));
    }

    /** A request for {@code count} rows of E from owner-local row {@code firstRow} on. */
    public static byte[] encodeFetch(int firstRow, int count) {
        return ByteBuffer.allocate(FETCH_BYTES).order(ByteOrder.LITTLE_ENDIAN).put(FETCH).putInt(firstRow)
                .putInt(count).array();
    }

    /** {@code {firstRow, count}} of a {@link #FETCH} frame, which the caller has checked for tag and length. */
    public static int[] decodeFetch(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame, 1, FETCH_BYTES - 1).order(ByteOrder.LITTLE_ENDIAN);
        return new int[] {b.getInt(), b.getInt()};
    }

    public static byte[] encodeRefusal(String reason) {
        byte[] text = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = new byte[1 + text.length];
        frame[0] = REFUSED;
        System.arraycopy(text, 0, frame, 1, text.length);
        return frame;
    }

    /**
     * Fails with the peer's reason if {@code frame} is a {@link #REFUSED} frame: the receiver then
     * says why the job stopped instead of reporting a tag mismatch.
     */
    public static void throwIfRefused(byte[] frame, String peer) {
        if (frame.length > 0 && frame[0] == REFUSED) {
            throw new IllegalStateException(peer + " refused the request: "
                    + new String(frame, 1, frame.length - 1, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void checkLength(byte tag, byte[] frame, int length, String what) {
        checkTag(tag, frame, what);
        if (frame.length != 1 + length * Long.BYTES) {
            throw new IllegalStateException(what + ": expected " + length + " ring elements, found "
                    + (frame.length - 1) / (double) Long.BYTES);
        }
    }

    private static void checkTag(byte tag, byte[] frame, String what) {
        if (frame.length == 0 || frame[0] != tag) {
            throw new IllegalStateException(what + ": expected frame tag " + tag + ", found "
                    + (frame.length == 0 ? "an empty frame" : String.valueOf(frame[0])));
        }
    }
}
