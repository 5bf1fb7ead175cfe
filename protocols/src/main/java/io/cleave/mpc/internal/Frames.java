package io.cleave.mpc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    /**
     * Largest number of ring elements in one frame (256 KiB). Bulk transfers are cut into pages
     * this size so a receiver works on one page while the next is in flight, and a frame stays
     * below G1's humongous-object threshold (half a region, at least 512 KiB) whatever the heap.
     */
    public static final int MAX_ELEMENTS = 1 << 15;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Frames() {
    }

    public static byte[] encode(byte tag, long[] values, int offset, int length) {
        byte[] frame = new byte[1 + length * Long.BYTES];
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

    /**
     * Adds exactly {@code length} decoded elements to {@code out[offset..]}, checking tag and size:
     * one pass, no temporary array.
     */
    public static void addInto(byte tag, byte[] frame, long[] out, int offset, int length, String what) {
        checkLength(tag, frame, length, what);
        for (int i = 0; i < length; i++) {
            out[offset + i] += (long) LONG_LE.get(frame, 1 + i * Long.BYTES);
        }
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
