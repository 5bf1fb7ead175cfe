package io.cleave.channel;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** What {@link SealedChannel#receive(byte[])} delivers: a data payload or the peer's orderly close. */
public sealed interface ChannelMessage {
    /**
     * Application payload, at most {@link SealedChannel#MAX_PLAINTEXT} bytes. Not a record: the
     * channel hands over the freshly decrypted array without copying it, and readers get a copy or
     * a read-only view, so the payload stays immutable without two extra 64 KiB copies per frame.
     */
    final class Data implements ChannelMessage {
        private final byte[] payload;

        /** Takes ownership of {@code payload}: only the channel, which never touches it again, creates these. */
        Data(byte[] payload) {
            this.payload = payload;
        }

        public byte[] payload() {
            return payload.clone();
        }

        /** The payload itself, for readers in this package that never write to it (no 64 KiB copy per frame). */
        byte[] payloadInPlace() {
            return payload;
        }

        public ByteBuffer asReadOnlyBuffer() {
            return ByteBuffer.wrap(payload).asReadOnlyBuffer();
        }

        public int length() {
            return payload.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data other && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Data[" + payload.length + " bytes]";
        }
    }

    /** The peer closed the channel; nothing follows. */
    record Closed() implements ChannelMessage {
    }
}
