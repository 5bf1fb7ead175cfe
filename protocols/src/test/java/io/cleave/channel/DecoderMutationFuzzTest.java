package io.cleave.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A seeded, time-bounded mutation fuzzer for every decoder a peer can reach: valid messages are
 * bit-flipped, overwritten, cut, extended, spliced and given extreme length fields, then fed to
 * the decoder. The only acceptable outcomes are success or a ChannelException with a message; any
 * other throwable is collected with the seed, iteration and input, and fails the test. Where a
 * decoder sits behind AES-GCM (the identity proof, chunk markers), it is called directly, as a
 * peer holding the keys could reach it. Jazzer is not served by the project's package registry,
 * hence this loop. Seed: {@code -Dcleave.fuzz.seed} (logged); budget per target:
 * {@code -Dcleave.fuzz.millis} (default 400 ms, so CI spends seconds).
 */
class DecoderMutationFuzzTest {
    private static final long SEED = Long.getLong("cleave.fuzz.seed", 0x5EA1EDL);
    private static final long MILLIS = Long.getLong("cleave.fuzz.millis", 400);
    private static final byte[] SECRET = new byte[32];

    private final List<String> crashes = new ArrayList<>();

    @FunctionalInterface
    private interface Decoder {
        void decode(byte[] input) throws ChannelException;
    }

    @Test
    void everyDecoder_mutatedValidInputs_onlySucceedOrThrowChannelException() throws Exception {
        System.out.println("DecoderMutationFuzzTest seed " + SEED + " (rerun with -Dcleave.fuzz.seed=" + SEED + ")");
        ChannelPair pair = new ChannelPair();
        byte[] hello = pair.initiator.hello();
        byte[] response = pair.responder.respond(hello);
        byte[] finish = pair.initiator.finish(response);
        byte[] proof = HandshakeMessages.encodeProof(new HandshakeMessages.Proof(new byte[300], new byte[72], new byte[32]));
        FrameCipher sender = new FrameCipher(SECRET, ChannelSettings.DEFAULT, "send");
        byte[] frame = sender.seal(FrameCipher.DATA, new byte[100]);
        byte[] chunk = {1, 7, 7, 7};

        fuzz("decodeHello", hello, HandshakeMessages::decodeHello);
        fuzz("decodeProof", proof, HandshakeMessages::decodeProof);
        fuzz("frame", frame, input -> new FrameCipher(SECRET, ChannelSettings.DEFAULT, "receive")
                .open(ByteBuffer.wrap(input)));
        fuzz("chunk", chunk, input -> new ChunkedMessages().add(new ChannelMessage.Data(input)));
        fuzz("respond", hello, input -> new ChannelPair().responder.respond(input));
        fuzz("finish", response, input -> {
            ChannelPair fresh = new ChannelPair();
            fresh.initiator.hello();
            fresh.initiator.finish(input);
        });
        fuzz("accept", finish, input -> {
            ChannelPair fresh = new ChannelPair();
            fresh.responder.respond(fresh.initiator.hello());
            fresh.responder.accept(input);
        });
        assertEquals(List.of(), crashes);
    }

    private void fuzz(String target, byte[] valid, Decoder decoder) {
        SplittableRandom random = new SplittableRandom(SEED ^ target.hashCode());
        long deadline = System.nanoTime() + MILLIS * 1_000_000;
        int iteration = 0;
        for (; System.nanoTime() < deadline && crashes.size() < 10; iteration++) {
            byte[] input = mutate(valid, random);
            try {
                decoder.decode(input);
            } catch (ChannelException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    crashes.add(target + " #" + iteration + ": ChannelException without a message for " + hex(input));
                }
            } catch (RuntimeException | Error e) {
                crashes.add(target + " #" + iteration + ": " + e + " for " + hex(input));
            }
        }
        System.out.println("DecoderMutationFuzzTest " + target + ": " + iteration + " inputs");
    }

    /** One to three stacked mutations of a valid input. */
    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        byte[] input = valid.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            input = switch (random.nextInt(6)) {
                case 0 -> flipBit(input, random);
                case 1 -> overwrite(input, random, (byte) random.nextInt(256));
                case 2 -> overwrite(input, random, (byte) 0xFF);
                case 3 -> Arrays.copyOf(input, input.length == 0 ? 0 : random.nextInt(input.length));
                case 4 -> extend(input, random);
                default -> splice(input, random);
            };
        }
        return input;
    }

    private static byte[] flipBit(byte[] input, SplittableRandom random) {
        if (input.length > 0) {
            int bit = random.nextInt(input.length * 8);
            input[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return input;
    }

    /** 0xFF runs make length fields extreme, the likeliest way to reach an unchecked bound. */
    private static byte[] overwrite(byte[] input, SplittableRandom random, byte value) {
        if (input.length > 0) {
            int at = random.nextInt(input.length);
            int length = Math.min(input.length - at, 1 + random.nextInt(4));
            Arrays.fill(input, at, at + length, value);
        }
        return input;
    }

    private static byte[] extend(byte[] input, SplittableRandom random) {
        byte[] longer = Arrays.copyOf(input, input.length + 1 + random.nextInt(64));
        for (int i = input.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
        }
        return longer;
    }

    /** Repeats a slice of the input at a random place: duplicated fields and shifted offsets. */
    private static byte[] splice(byte[] input, SplittableRandom random) {
        if (input.length < 2) {
            return input;
        }
        int from = random.nextInt(input.length);
        int length = 1 + random.nextInt(Math.min(32, input.length - from));
        int at = random.nextInt(input.length);
        byte[] out = new byte[input.length + length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(input, from, out, at, length);
        System.arraycopy(input, at, out, at + length, input.length - at);
        return out;
    }

    private static String hex(byte[] input) {
        return HexFormat.of().formatHex(input, 0, Math.min(input.length, 256)) + (input.length > 256 ? "…" : "");
    }
}
