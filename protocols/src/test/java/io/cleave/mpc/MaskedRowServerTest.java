package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.dataset.Dataset;
import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A data owner serving E in a client-aided job, driven by hand as the dealer and a compute party
 * would: a malformed or out-of-range request is answered with the reason and nothing of E.
 */
class MaskedRowServerTest {
    private static final Dataset PIMA = Jobs.prepare("pima_diabetes.csv", "class", 42).train();

    static List<Object[]> badRequests() {
        return List.of(
                new Object[] {Frames.encodeFetch(570, 16), "rows [570, 586) are outside this owner's rows [0, 576)"},
                new Object[] {Frames.encodeFetch(-1, 4), "rows [-1, 3) are outside this owner's rows [0, 576)"},
                new Object[] {Frames.encodeFetch(0, 0), "a block request asks for 1..4096 rows, found 0"},
                new Object[] {Frames.encodeFetch(0, 5000), "a block request asks for 1..4096 rows, found 5000"},
                new Object[] {Arrays.copyOf(Frames.encodeFetch(0, 1), 10),
                        "a block request has 9 bytes (tag, first row, row count), found 10"},
                new Object[] {new byte[] {Frames.OPEN, 0}, "expected a block request (tag 6) or done (tag 8), found "
                        + "tag 4 in 2 bytes"},
                new Object[] {new byte[0], "expected a block request (tag 6) or done (tag 8), found an empty frame"});
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void share_badRequest_refusedWithTheReasonAndServingStops(byte[] request, String reason) throws Exception {
        SecureJobSpec spec = new SecureJobSpec(ModelKind.LOGISTIC, new SgdParameters(1, 64, 0.1, 0),
                FixedPoint.DEFAULT, PIMA.featureCount(), List.of(PIMA.rows()), false, MaskMode.CLIENT_AIDED);
        Map<Participant, Transport> net = InMemoryNetwork.connect(spec.participants(), Jobs.TIMEOUT);
        InputParty owner = new InputParty(0, spec, net.get(Participant.inputParty(0)),
                JobRandomness.insecureDeterministicForTesting(3));
        InputParty.EncodedRows rows = owner.encode(PIMA);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> owner.share(rows));
        Transport dealer = net.get(Participant.DEALER);
        Transport party0 = net.get(Participant.PARTY_0);
        for (int i = 0; i < 2; i++) {
            dealer.send(Participant.inputParty(0), Frames.encodeSeed(PrgSeed.fromWire(new byte[32])));
        }
        assertEquals(Frames.INPUT_LABELS, party0.receive(Participant.inputParty(0))[0]);
        party0.send(Participant.inputParty(0), Frames.encodeFetch(0, 2));
        assertEquals(1 + 2 * PIMA.featureCount() * Long.BYTES, party0.receive(Participant.inputParty(0)).length);

        party0.send(Participant.inputParty(0), request);
        byte[] answer = party0.receive(Participant.inputParty(0));
        assertEquals(Frames.REFUSED, answer[0]);
        assertEquals(reason, new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8));
        ExecutionException e = assertThrows(ExecutionException.class, serving::get);
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
        assertEquals("input-0 refused a request of party-0: " + reason, e.getCause().getMessage());
        assertEquals(2L * PIMA.featureCount() * Long.BYTES, owner.featureBytesSent());
    }
}
