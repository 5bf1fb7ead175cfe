package io.cleave.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameCipherTest {
    private static final byte[] SECRET = new byte[32];

    @Test
    void open_afterSenderRekeysByFrames_onlyAMatchingPolicyDecrypts() throws Exception {
        FrameCipher sender = new FrameCipher(SECRET, new ChannelSettings(2, 1 << 20), "send");
        FrameCipher samePolicy = new FrameCipher(SECRET, new ChannelSettings(2, 1 << 20), "receive");
        FrameCipher neverRekeys = new FrameCipher(SECRET, new ChannelSettings(1000, 1 << 20), "receive");
        for (int i = 0; i < 2; i++) {
            byte[] frame = sender.seal(FrameCipher.DATA, new byte[] {(byte) i});
            assertArrayEquals(new byte[] {(byte) i}, samePolicy.open(ByteBuffer.wrap(frame)).plaintext());
            neverRekeys.open(ByteBuffer.wrap(frame));
        }
        byte[] third = sender.seal(FrameCipher.DATA, new byte[] {2});
        assertArrayEquals(new byte[] {2}, samePolicy.open(ByteBuffer.wrap(third)).plaintext());
        assertEquals("frame authentication failed",
                assertThrows(ChannelException.class, () -> neverRekeys.open(ByteBuffer.wrap(third))).getMessage());
    }

    @Test
    void open_afterSenderRekeysByBytes_onlyAMatchingPolicyDecrypts() throws Exception {
        FrameCipher sender = new FrameCipher(SECRET, new ChannelSettings(1000, 100), "send");
        FrameCipher samePolicy = new FrameCipher(SECRET, new ChannelSettings(1000, 100), "receive");
        FrameCipher neverRekeys = new FrameCipher(SECRET, new ChannelSettings(1000, 1 << 20), "receive");
        byte[] big = sender.seal(FrameCipher.DATA, new byte[100]);
        samePolicy.open(ByteBuffer.wrap(big));
        neverRekeys.open(ByteBuffer.wrap(big));
        byte[] next = sender.seal(FrameCipher.DATA, new byte[1]);
        samePolicy.open(ByteBuffer.wrap(next));
        assertEquals("frame authentication failed",
                assertThrows(ChannelException.class, () -> neverRekeys.open(ByteBuffer.wrap(next))).getMessage());
    }

    @Test
    void open_unknownVersionOrType_isRejectedBeforeDecryption() throws Exception {
        FrameCipher receiver = new FrameCipher(SECRET, ChannelSettings.DEFAULT, "receive");
        assertEquals("unsupported channel wire version 2", assertThrows(ChannelException.class,
                () -> receiver.open(ByteBuffer.wrap(new byte[] {2, 16}))).getMessage());
        assertEquals("unexpected message type 1, expected frame", assertThrows(ChannelException.class,
                () -> receiver.open(ByteBuffer.wrap(new byte[] {1, 1}))).getMessage());
        assertEquals("truncated frame: 25 bytes, minimum 26", assertThrows(ChannelException.class,
                () -> receiver.open(ByteBuffer.wrap(withHeader(new byte[23])))).getMessage());
        assertEquals("frame too large: 65563 bytes, maximum 65562", assertThrows(ChannelException.class,
                () -> receiver.open(ByteBuffer.wrap(withHeader(new byte[65561])))).getMessage());
    }

    private static byte[] withHeader(byte[] rest) {
        byte[] out = new byte[rest.length + 2];
        out[0] = 1;
        out[1] = 16;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }
}
