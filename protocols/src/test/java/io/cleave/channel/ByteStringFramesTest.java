package io.cleave.channel;

import static io.cleave.channel.SealedChannelTest.assertFails;
import static io.cleave.channel.SealedChannelTest.data;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteStringFramesTest {
    private static final byte[] PAGE = page();

    @Test
    void view_oneArray_readsItInPlace() {
        byte[] frame = PAGE.clone();
        ByteBuffer view = ByteStringFrames.view(UnsafeByteOperations.unsafeWrap(frame));
        assertSame(frame, view.array());
        assertEquals(frame.length, view.remaining());
    }

    @Test
    void view_substring_coversOnlyItsBytes() {
        ByteBuffer view = ByteStringFrames.view(ByteString.copyFrom(PAGE).substring(7, 1007));
        byte[] seen = new byte[view.remaining()];
        view.get(seen);
        assertArrayEquals(Arrays.copyOfRange(PAGE, 7, 1007), seen);
    }

    @Test
    void view_ropeOfTwoArrays_isACopyOfAllBytes() {
        ByteString first = UnsafeByteOperations.unsafeWrap(Arrays.copyOf(PAGE, 20_000));
        ByteString rope = first.concat(ByteString.copyFrom(PAGE, 20_000, 20_000));
        ByteBuffer view = ByteStringFrames.view(rope);
        assertNotSame(first.toByteArray(), view.array());
        assertArrayEquals(PAGE, view.array());
    }

    @Test
    void receive_frameAsByteString_opensItAndLeavesTheBytesUnchanged() throws Exception {
        ChannelPair pair = ChannelPair.open();
        byte[] frame = pair.initiator.seal(PAGE);
        byte[] sent = frame.clone();
        assertArrayEquals(PAGE, data(ByteStringFrames.receive(pair.responder, UnsafeByteOperations.unsafeWrap(frame))));
        assertArrayEquals(sent, frame);
        byte[] next = pair.initiator.seal(PAGE);
        ByteString rope = ByteString.copyFrom(next, 0, 100).concat(ByteString.copyFrom(next, 100, next.length - 100));
        assertArrayEquals(PAGE, data(ByteStringFrames.receive(pair.responder, rope)));
    }

    @Test
    void receive_tamperedByteString_failsTheChannel() throws Exception {
        ChannelPair pair = ChannelPair.open();
        byte[] frame = pair.initiator.seal(PAGE);
        frame[frame.length - 1] ^= 1;
        assertFails("frame authentication failed",
                () -> ByteStringFrames.receive(pair.responder, UnsafeByteOperations.unsafeWrap(frame)));
        assertFails("channel failed earlier: frame authentication failed",
                () -> ByteStringFrames.receive(pair.responder, ByteString.copyFrom(pair.initiator.seal(PAGE))));
    }

    private static byte[] page() {
        byte[] page = new byte[40_000];
        new Random(4).nextBytes(page);
        return page;
    }
}
