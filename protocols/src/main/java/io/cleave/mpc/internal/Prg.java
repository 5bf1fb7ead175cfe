package io.cleave.mpc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic PRG behind seed-compressed shares: AES-256 in counter mode from the JDK
 * ({@code AES/CTR/NoPadding}, AES-NI intrinsics), keystream read as little-endian 64-bit ring
 * elements. Outputs are uniform in Z_2^64 as long as AES is a PRP.
 *
 * <p>One instance is one stream starting at counter 0, or at any element with
 * {@link #Prg(PrgSeed, long)} (counter mode can start at any block, so a party regenerates the
 * slice of a mask it needs without expanding what comes before); successive {@link #fill} calls
 * continue it, so a party and the dealer that read the same lengths in the same order agree
 * element by element. {@link #seek} moves a stream to another element without building a new
 * cipher, for callers that regenerate slices step after step. Not thread-safe.
 */
public final class Prg {
    private static final int CHUNK_BYTES = 4 * 1024;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] zeros = new byte[CHUNK_BYTES];
    private final byte[] block = new byte[CHUNK_BYTES];
    private final long[] chunk = new long[CHUNK_BYTES / Long.BYTES];

    public Prg(PrgSeed seed) {
        this(seed, 0);
    }

    /**
     * The stream of {@code seed} from element {@code startElement} on: element k of this stream is
     * element {@code startElement + k} of {@code new Prg(seed)}. The JDK's CTR mode increments the
     * whole 16-byte block as one big-endian counter, so the initial counter is the index of the
     * AES block holding the first element (two elements per block).
     */
    public Prg(PrgSeed seed, long startElement) {
        key = new SecretKeySpec(seed.keyBytes(), "AES");
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR/NoPadding is required by every JDK", e);
        }
        seek(startElement);
    }

    /** Continues from element {@code element} of the stream: the next element read is that one. */
    public void seek(long element) {
        if (element < 0) {
            throw new IllegalArgumentException("a stream starts at element >= 0, found " + element);
        }
        byte[] counter = ByteBuffer.allocate(16).putLong(8, element / 2).array();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 keys and 16-byte counters are accepted by every JDK", e);
        }
        if (element % 2 == 1) {
            next(1);
        }
    }

    /** Overwrites {@code out[offset .. offset+length)} with the next stream elements. */
    public void fill(long[] out, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, CHUNK_BYTES / Long.BYTES);
            try {
                cipher.update(zeros, 0, n * Long.BYTES, block, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException("keystream buffer too small", e);
            }
            ByteBuffer.wrap(block, 0, n * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                    .get(out, offset + done, n);
            done += n;
        }
    }

    /** {@code target[offset + i] += next()} for i in [0, length), without a full-size temporary. */
    public void addTo(long[] target, int offset, int length) {
        combine(target, offset, length, 1);
    }

    /** {@code target[offset + i] −= next()} for i in [0, length), without a full-size temporary. */
    public void subtractFrom(long[] target, int offset, int length) {
        combine(target, offset, length, -1);
    }

    private void combine(long[] target, int offset, int length, long sign) {
        for (int done = 0; done < length; done += chunk.length) {
            int n = Math.min(chunk.length, length - done);
            fill(chunk, 0, n);
            int base = offset + done;
            for (int i = 0; i < n; i++) {
                target[base + i] += sign * chunk[i];
            }
        }
    }

    /** The next {@code length} stream elements in a new array. */
    public long[] next(int length) {
        long[] out = new long[length];
        fill(out, 0, length);
        return out;
    }
}
