package io.cleave.channel;

/** What {@link SealedChannel#receive(byte[])} delivers: a data payload or the peer's orderly close. */
public sealed interface ChannelMessage {
    /** Application payload, at most {@link SealedChannel#MAX_PLAINTEXT} bytes. */
    record Data(byte[] payload) implements ChannelMessage {
        public Data {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** The peer closed the channel; nothing follows. */
    record Closed() implements ChannelMessage {
    }
}
