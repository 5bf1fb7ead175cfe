package io.cleave.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkedMessagesTest {

    @Test
    void sealAdd_messagesOfEveryChunkBoundary_arriveWhole() throws Exception {
        ChannelPair pair = ChannelPair.open();
        ChunkedMessages received = new ChunkedMessages();
        SplittableRandom random = new SplittableRandom(4);
        for (int length : new int[] {0, 1, ChunkedMessages.CHUNK - 1, ChunkedMessages.CHUNK, ChunkedMessages.CHUNK + 1,
                3 * ChunkedMessages.CHUNK + 5}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            List<byte[]> frames = ChunkedMessages.seal(pair.initiator, message);
            assertEquals(Math.max(1, (length + ChunkedMessages.CHUNK - 1) / ChunkedMessages.CHUNK), frames.size());
            for (int i = 0; i < frames.size() - 1; i++) {
                assertNull(received.add((ChannelMessage.Data) pair.responder.receive(frames.get(i))));
                assertTrue(received.midMessage());
            }
            assertArrayEquals(message, received.add((ChannelMessage.Data) pair.responder.receive(frames.get(frames.size() - 1))));
            assertFalse(received.midMessage());
        }
    }

    @Test
    void add_unknownMarkerOrEmptyChunk_isRejected() {
        assertEquals("malformed message chunk: marker 2", assertThrows(ChannelException.class,
                () -> new ChunkedMessages().add(new ChannelMessage.Data(new byte[] {2, 0}))).getMessage());
        assertEquals("malformed message chunk: empty", assertThrows(ChannelException.class,
                () -> new ChunkedMessages().add(new ChannelMessage.Data(new byte[0]))).getMessage());
    }

    @Test
    void add_messageBeyondTheBound_isRejectedBeforeBuffering() throws Exception {
        ChunkedMessages received = new ChunkedMessages();
        byte[] chunk = new byte[SealedChannel.MAX_PLAINTEXT];
        chunk[0] = 1;
        for (int i = 0; i < ChunkedMessages.MAX_MESSAGE / ChunkedMessages.CHUNK; i++) {
            received.add(new ChannelMessage.Data(chunk));
        }
        assertEquals("message too large: more than " + ChunkedMessages.MAX_MESSAGE + " bytes",
                assertThrows(ChannelException.class, () -> received.add(new ChannelMessage.Data(chunk))).getMessage());
    }
}
