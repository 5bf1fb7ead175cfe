package io.cleave.channel;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assertions;

/**
 * Random and near-valid bytes into every decoder: the only acceptable outcome besides success is
 * a ChannelException (any other exception fails the property, and jqwik shrinks and logs it).
 */
class ChannelFuzzTest {

    @Property(tries = 200)
    void respond_arbitraryHello_onlyChannelException(@ForAll("nearValidHello") byte[] hello) {
        ChannelPair pair = new ChannelPair();
        expectCleanFailureOrSuccess(() -> pair.responder.respond(hello));
    }

    @Property(tries = 200)
    void finish_arbitraryResponse_onlyChannelException(@ForAll @Size(max = 600) byte[] response) {
        ChannelPair pair = new ChannelPair();
        pair.initiator.hello();
        expectCleanFailureOrSuccess(() -> pair.initiator.finish(withHeader(response, 2)));
    }

    @Property(tries = 200)
    void accept_arbitraryFinish_onlyChannelException(@ForAll @Size(max = 600) byte[] finish) throws Exception {
        ChannelPair pair = new ChannelPair();
        pair.responder.respond(pair.initiator.hello());
        expectCleanFailureOrSuccess(() -> pair.responder.accept(withHeader(finish, 3)));
    }

    @Property(tries = 300)
    void receive_arbitraryFrame_onlyChannelException(@ForAll("frames") byte[] frame) throws Exception {
        ChannelPair pair = ChannelPair.open();
        expectCleanFailureOrSuccess(() -> pair.responder.receive(frame));
    }

    @Provide
    Arbitrary<byte[]> frames() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(raw, raw.map(b -> withHeader(b, 16)), raw.map(b -> withHeader(b, 17)));
    }

    @Provide
    Arbitrary<byte[]> nearValidHello() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, 10_000).tuple2()
                .map(t -> {
                    byte[] hello = new ChannelPair().initiator.hello();
                    hello[t.get1() % hello.length] = (byte) (int) t.get2();
                    return hello;
                });
        return Arbitraries.oneOf(raw, raw.map(b -> withHeader(b, 1)), mutated);
    }

    /** Most random inputs die at the version byte; a valid header makes the fuzzer reach the body parsers. */
    private static byte[] withHeader(byte[] body, int type) {
        byte[] out = new byte[body.length + 2];
        out[0] = 1;
        out[1] = (byte) type;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws ChannelException;
    }

    private static void expectCleanFailureOrSuccess(Call call) {
        try {
            call.run();
        } catch (ChannelException e) {
            Assertions.assertFalse(e.getMessage().isBlank(), "ChannelException without a message");
        }
    }
}
