package io.cleave.channel;

import io.cleave.crypto.internal.InsecureNonceAesGcm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * One direction of the record layer. Frame = version(1) type(1) counter(8, big-endian)
 * AES-256-GCM(ciphertext || tag); the 10-byte header is the AAD and the nonce is
 * {@code iv XOR counter}. The counter starts at 0, never repeats (fail closed before 2^64 - 1)
 * and is carried in clear only so that a replay or gap is named precisely; it is also
 * authenticated. Not thread-safe: the owning channel serialises access.
 */
final class FrameCipher {
    static final int DATA = 16;
    static final int CLOSE = 17;
    static final int HEADER_LENGTH = 10;
    static final int MIN_FRAME = HEADER_LENGTH + InsecureNonceAesGcm.TAG_LENGTH;
    /** The last counter value is never used, so that "counter + 1" cannot wrap. */
    private static final long EXHAUSTED = -1L;

    record Opened(int type, byte[] plaintext) {
    }

    private final ChannelSettings settings;
    private final String direction;
    /** Scratch for the frame header and the nonce: the cipher copies both before this returns. */
    private final byte[] header = new byte[HEADER_LENGTH];
    private final byte[] nonce = new byte[InsecureNonceAesGcm.NONCE_LENGTH];
    private byte[] secret;
    private InsecureNonceAesGcm aead;
    private byte[] iv;
    private long counter;
    private long framesInEpoch;
    private long bytesInEpoch;

    FrameCipher(byte[] trafficSecret, ChannelSettings settings, String direction) throws ChannelException {
        this.settings = settings;
        this.direction = direction;
        installSecret(trafficSecret);
    }

    byte[] seal(int type, byte[] plaintext) throws ChannelException {
        if (counter == EXHAUSTED) {
            throw new ChannelException(direction + " counter exhausted");
        }
        byte[] frame = new byte[MIN_FRAME + plaintext.length];
        ByteBuffer.wrap(header).put((byte) HandshakeMessages.VERSION).put((byte) type).putLong(counter);
        System.arraycopy(header, 0, frame, 0, HEADER_LENGTH);
        try {
            aead.encrypt(nonce(counter), header, plaintext, 0, plaintext.length, frame, HEADER_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
        advance(plaintext.length);
        return frame;
    }

    /** Opens the frame held in {@code frame}'s remaining bytes; the buffer is consumed, never modified. */
    Opened open(ByteBuffer frame) throws ChannelException {
        ByteBuffer in = frame.slice();
        int length = in.remaining();
        if (length < 2) {
            throw new ChannelException("truncated frame: " + length + " bytes, minimum " + MIN_FRAME);
        }
        if (in.get(0) != HandshakeMessages.VERSION) {
            throw new ChannelException("unsupported channel wire version " + (in.get(0) & 0xFF));
        }
        int type = in.get(1) & 0xFF;
        if (type != DATA && type != CLOSE) {
            throw new ChannelException("unexpected message type " + type + ", expected frame");
        }
        checkLength(length);
        long received = in.getLong(2);
        checkCounter(received);
        in.get(header);
        byte[] plaintext;
        try {
            plaintext = aead.decrypt(nonce(received), header, in);
        } catch (GeneralSecurityException e) {
            throw new ChannelException("frame authentication failed");
        }
        if (type == CLOSE && plaintext.length != 0) {
            throw new ChannelException("malformed close frame: carries " + plaintext.length + " bytes");
        }
        advance(plaintext.length);
        return new Opened(type, plaintext);
    }

    void setCounterForTesting(long value) {
        counter = value;
    }

    private void checkLength(int length) throws ChannelException {
        if (length < MIN_FRAME) {
            throw new ChannelException("truncated frame: " + length + " bytes, minimum " + MIN_FRAME);
        }
        if (length > MIN_FRAME + SealedChannel.MAX_PLAINTEXT) {
            throw new ChannelException("frame too large: " + length + " bytes, maximum " + (MIN_FRAME + SealedChannel.MAX_PLAINTEXT));
        }
    }

    private void checkCounter(long received) throws ChannelException {
        if (counter == EXHAUSTED) {
            throw new ChannelException(direction + " counter exhausted");
        }
        if (Long.compareUnsigned(received, counter) < 0) {
            throw new ChannelException("replayed frame: counter " + Long.toUnsignedString(received)
                    + ", expected " + Long.toUnsignedString(counter));
        }
        if (received != counter) {
            throw new ChannelException("dropped or reordered frame: counter " + Long.toUnsignedString(received)
                    + ", expected " + Long.toUnsignedString(counter));
        }
    }

    /** Commits a frame: only called once it was sealed or authenticated. */
    private void advance(int plaintextLength) throws ChannelException {
        counter++;
        framesInEpoch++;
        bytesInEpoch += plaintextLength;
        if (framesInEpoch >= settings.rekeyAfterFrames() || bytesInEpoch >= settings.rekeyAfterBytes()) {
            installSecret(KeySchedule.nextSecret(secret));
        }
    }

    private void installSecret(byte[] trafficSecret) throws ChannelException {
        secret = trafficSecret;
        iv = KeySchedule.expand(trafficSecret, "cleave-channel-v1 iv", InsecureNonceAesGcm.NONCE_LENGTH);
        try {
            aead = new InsecureNonceAesGcm(KeySchedule.expand(trafficSecret, "cleave-channel-v1 key", InsecureNonceAesGcm.KEY_LENGTH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding unavailable", e);
        }
        framesInEpoch = 0;
        bytesInEpoch = 0;
    }

    private byte[] nonce(long value) {
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (value >>> (8 * i));
        }
        return nonce;
    }
}
