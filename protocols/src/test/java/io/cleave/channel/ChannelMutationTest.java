package io.cleave.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every single-bit flip, every truncation and one extra byte, applied to each handshake message
 * and to data and close frames: none may be accepted, and every rejection is a ChannelException.
 * Handshakes use Ed25519 identities so that message lengths (and so the bit positions) are the
 * same in every run; ECDSA signatures vary in DER length.
 */
class ChannelMutationTest {
    private static final byte[] PAYLOAD = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void handshake_everyBitFlipOfEveryMessage_neverOpens() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int message = 0; message < 3; message++) {
            int length = messageLength(message);
            for (int bit = 0; bit < length * 8; bit++) {
                int flip = bit;
                if (handshakeCompletes(message, m -> flipped(m, flip))) {
                    accepted.add("message " + message + " bit " + bit);
                }
            }
        }
        assertEquals(List.of(), accepted);
    }

    @Test
    void handshake_truncatedOrExtendedMessages_neverOpen() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int message = 0; message < 3; message++) {
            int length = messageLength(message);
            for (int cut = 0; cut < length; cut++) {
                int keep = cut;
                if (handshakeCompletes(message, m -> Arrays.copyOf(m, keep))) {
                    accepted.add("message " + message + " truncated to " + cut);
                }
            }
            if (handshakeCompletes(message, m -> Arrays.copyOf(m, m.length + 1))) {
                accepted.add("message " + message + " with an extra byte");
            }
        }
        assertEquals(List.of(), accepted);
    }

    @Test
    void frames_everyBitFlipTruncationAndExtraByte_areRejected() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (boolean close : new boolean[] {false, true}) {
            byte[] frame = frame(ChannelPair.open(), close);
            for (int bit = 0; bit < frame.length * 8; bit++) {
                if (frameAccepted(close, flipped(frame, bit))) {
                    accepted.add((close ? "close" : "data") + " bit " + bit);
                }
            }
            for (int cut = 0; cut < frame.length; cut++) {
                if (frameAccepted(close, Arrays.copyOf(frame, cut))) {
                    accepted.add((close ? "close" : "data") + " truncated to " + cut);
                }
            }
            if (frameAccepted(close, Arrays.copyOf(frame, frame.length + 1))) {
                accepted.add((close ? "close" : "data") + " with an extra byte");
            }
        }
        assertEquals(List.of(), accepted);
    }

    private static int messageLength(int message) throws ChannelException {
        int[] lengths = new int[3];
        ChannelPair.withFixedLengthMessages().handshake(m -> record(lengths, 0, m), m -> record(lengths, 1, m), m -> record(lengths, 2, m));
        return lengths[message];
    }

    private static byte[] record(int[] lengths, int index, byte[] message) {
        lengths[index] = message.length;
        return message;
    }

    @SuppressWarnings("unchecked")
    private static boolean handshakeCompletes(int message, UnaryOperator<byte[]> mutation) {
        UnaryOperator<byte[]>[] tamper = new UnaryOperator[] {UnaryOperator.identity(), UnaryOperator.identity(),
                UnaryOperator.identity()};
        tamper[message] = mutation;
        ChannelPair pair = ChannelPair.withFixedLengthMessages();
        try {
            pair.handshake(tamper);
            return true;
        } catch (ChannelException e) {
            assertTrue(!pair.initiator.isOpen() || !pair.responder.isOpen(), "one side must not be open");
            return false;
        }
    }

    /** A fresh pair per attempt, because the first rejected frame ends a channel for good. */
    private static boolean frameAccepted(boolean close, byte[] mutated) throws ChannelException {
        ChannelPair pair = ChannelPair.open();
        frame(pair, close);
        try {
            pair.responder.receive(mutated);
            return true;
        } catch (ChannelException e) {
            return false;
        }
    }

    /** The first frame of a fresh channel: its bytes differ per session, but its layout does not. */
    private static byte[] frame(ChannelPair pair, boolean close) throws ChannelException {
        return close ? pair.initiator.close() : pair.initiator.seal(PAYLOAD);
    }

    private static byte[] flipped(byte[] message, int bit) {
        byte[] copy = message.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
