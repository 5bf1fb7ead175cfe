package io.cleave.channel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages of any size up to {@link #MAX_MESSAGE} over a channel's frames of at most 64 KiB. Each
 * frame's plaintext is a marker byte ({@code 1} = more chunks follow, {@code 0} = last chunk) and
 * then a chunk of the message. The marker sits inside the AEAD, so nobody on the path can split,
 * join or cut messages without failing the channel. The reassembling side is not thread-safe: one
 * per receiving channel.
 */
public final class ChunkedMessages {
    /** Bound on one reassembled message, so that a peer cannot make this side buffer without limit. */
    public static final int MAX_MESSAGE = 64 * 1024 * 1024;
    static final int CHUNK = SealedChannel.MAX_PLAINTEXT - 1;
    private static final byte LAST = 0;
    private static final byte MORE = 1;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean midMessage;

    /** Seals {@code message} into one or more frames, in sending order. */
    public static List<byte[]> seal(SealedChannel channel, byte[] message) throws ChannelException {
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("message must be at most " + MAX_MESSAGE + " bytes, got " + message.length);
        }
        List<byte[]> frames = new ArrayList<>(message.length / CHUNK + 1);
        int offset = 0;
        do {
            int length = Math.min(CHUNK, message.length - offset);
            byte[] chunk = new byte[length + 1];
            chunk[0] = offset + length < message.length ? MORE : LAST;
            System.arraycopy(message, offset, chunk, 1, length);
            frames.add(channel.seal(chunk));
            offset += length;
        } while (offset < message.length);
        return frames;
    }

    /**
     * Adds the payload of the next received frame.
     *
     * @return the whole message when this chunk was its last, else null
     * @throws ChannelException if the chunk is malformed or the message would exceed {@link #MAX_MESSAGE}
     */
    public byte[] add(ChannelMessage.Data data) throws ChannelException {
        byte[] chunk = data.payloadInPlace();
        if (chunk.length == 0 || (chunk[0] != LAST && chunk[0] != MORE)) {
            throw new ChannelException("malformed message chunk: "
                    + (chunk.length == 0 ? "empty" : "marker " + (chunk[0] & 0xFF)));
        }
        if ((long) pending.size() + chunk.length - 1 > MAX_MESSAGE) {
            throw new ChannelException("message too large: more than " + MAX_MESSAGE + " bytes");
        }
        pending.write(chunk, 1, chunk.length - 1);
        midMessage = chunk[0] == MORE;
        if (midMessage) {
            return null;
        }
        byte[] message = pending.toByteArray();
        pending.reset();
        return message;
    }

    /** True while a message has begun and its last chunk has not arrived: ending now would cut it. */
    public boolean midMessage() {
        return midMessage;
    }
}
