package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The parties' streamed opening of E over two data owners whose rows span several pages: E is
 * {@code X − A₀ − A₁} at both parties, pages cross only when training reaches their rows, and
 * the mask rows regenerated per batch equal the whole streams.
 */
class StreamedOpeningTest {
    private static final int FEATURES = 256;
    /** 300 rows are 76 800 elements, three pages of 32 768 (the last short), then 140 rows (two pages). */
    private static final List<Integer> ROWS = List.of(300, 140);
    private static final SecureJobSpec SPEC = new SecureJobSpec(ModelKind.LOGISTIC, new SgdParameters(1, 50, 0.1, 0),
            new FixedPoint(16), FEATURES, ROWS, false);
    private static final JobRandomness RANDOMNESS = JobRandomness.insecureDeterministicForTesting(5);

    @Test
    void eachPartyHoldsE_pageByPageAsTrainingReachesIt() throws Exception {
        PrgSeed seed0 = RANDOMNESS.seed("dealer-0");
        PrgSeed seed1 = RANDOMNESS.seed("dealer-1");
        int elements = SPEC.rows() * FEATURES;
        long[] x = new SplittableRandom(9).longs(elements).toArray();
        Map<Participant, Transport> net = InMemoryNetwork.connect(SPEC.participants(), Jobs.TIMEOUT);
        RecordingTransport party1 = new RecordingTransport(net.get(Participant.PARTY_1));
        for (int owner = 0; owner < ROWS.size(); owner++) {
            int start = SPEC.rowOffset(owner) * FEATURES;
            int end = start + ROWS.get(owner) * FEATURES;
            Prg partyOneMask = DataMask.stream(seed1, owner);
            for (int at = start; at < end; at += Frames.MAX_ELEMENTS) {
                int n = Math.min(Frames.MAX_ELEMENTS, end - at);
                long[] page = Arrays.copyOfRange(x, at, at + n);
                partyOneMask.subtractFrom(page, 0, n);
                net.get(Participant.inputParty(owner)).send(Participant.PARTY_0,
                        Frames.encode(Frames.INPUT_FEATURES, page, 0, n));
            }
        }
        long[] opened0 = new long[elements];
        long[] opened1 = new long[elements];
        StreamedOpening zero = new StreamedOpening(0, SPEC, net.get(Participant.PARTY_0), seed0, opened0);
        StreamedOpening one = new StreamedOpening(1, SPEC, party1, seed1, opened1);
        CompletableFuture<Void> partyZero = CompletableFuture.runAsync(() -> zero.openUpTo(SPEC.rows()));

        one.openUpTo(100);
        assertEquals(1, party1.received().size(), "rows 0..99 are within the first page");
        one.openUpTo(128);
        assertEquals(1, party1.received().size(), "row 127 ends the first page (128 × 256 = 32 768)");
        one.openUpTo(129);
        assertEquals(2, party1.received().size());
        one.openUpTo(SPEC.rows());
        partyZero.get();
        assertEquals(5, party1.received().size(), "three pages of the first owner, two of the second");

        long[] expected = x.clone();
        long[] a0 = new long[elements];
        long[] a1 = new long[elements];
        new DataMask.Rows(seed0, SPEC).fill(0, SPEC.rows(), a0);
        new DataMask.Rows(seed1, SPEC).fill(0, SPEC.rows(), a1);
        for (int i = 0; i < elements; i++) {
            expected[i] -= a0[i] + a1[i];
        }
        assertArrayEquals(expected, opened0, "party 0's E");
        assertArrayEquals(expected, opened1, "party 1's E");
        long bytes = party1.received().stream().mapToLong(r -> r.frame().length).sum();
        assertEquals(bytes, one.bytesReceived());
        assertEquals(elements * 8L + 5, bytes, "eight bytes per element and a tag per page");
    }

    /** A batch across the two owners' boundary reads each owner's own stream from the right element. */
    @Test
    void maskRows_acrossOwners_equalEachOwnersStream() {
        PrgSeed seed = RANDOMNESS.seed("dealer-1");
        long[] first = DataMask.stream(seed, 0).next(300 * FEATURES);
        long[] second = DataMask.stream(seed, 1).next(140 * FEATURES);
        long[] batch = new long[50 * FEATURES];
        DataMask.Rows rows = new DataMask.Rows(seed, SPEC);
        rows.fill(280, 50, batch);
        assertArrayEquals(Arrays.copyOfRange(first, 280 * FEATURES, 300 * FEATURES),
                Arrays.copyOfRange(batch, 0, 20 * FEATURES));
        assertArrayEquals(Arrays.copyOfRange(second, 0, 30 * FEATURES),
                Arrays.copyOfRange(batch, 20 * FEATURES, 50 * FEATURES));
        rows.addTo(280, 50, batch);
        for (int i = 0; i < 20 * FEATURES; i++) {
            assertEquals(2 * first[280 * FEATURES + i], batch[i]);
        }
    }
}
