package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.dataset.Dataset;
import io.cleave.mpc.internal.Frames;
import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import io.cleave.training.TrainingListener;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the compute parties and the dealer receive, recorded byte for byte over real loopback
 * sockets: no planted canary value appears in any encoding the engine could leak it in, the
 * received ring elements look uniform, and the dealer receives nothing at all.
 */
class LeakageTest {
    private static final double[] CANARIES = {3.14159, -2.71828, 1.41421, -0.57721, 2.50290};
    /** Frames received per participant, over both mask modes. */
    private static final Map<Participant, List<RecordingTransport.Received>> RECORDED = new HashMap<>();
    private static final Map<MaskMode, List<RecordingTransport.Received>> OWNER_BY_MODE = new HashMap<>();

    @BeforeAll
    static void trainWithCanaries() {
        Dataset base = Jobs.prepare("pima_diabetes.csv", "class", 42).train();
        double[] x = base.featuresRowMajor();
        for (int i = 0; i < CANARIES.length; i++) {
            x[i * 37 % x.length] = CANARIES[i];
        }
        Dataset train = new Dataset(base.featureNames(), base.labelName(), x, base.labels());
        for (MaskMode mode : MaskMode.values()) {
            SecureJobSpec spec = new SecureJobSpec(ModelKind.LOGISTIC, new SgdParameters(2, 64, 0.1, 0),
                    FixedPoint.DEFAULT, train.featureCount(), List.of(train.rows()), true, mode);
            try (LoopbackSocketNetwork network = LoopbackSocketNetwork.start(spec.participants(), Jobs.TIMEOUT)) {
                Map<Participant, RecordingTransport> recorders = new HashMap<>();
                Map<Participant, Transport> transports = new HashMap<>();
                for (Participant p : spec.participants()) {
                    RecordingTransport recording = new RecordingTransport(network.transport(p));
                    recorders.put(p, recording);
                    transports.put(p, recording);
                }
                LocalSecureTraining.run(spec, List.of(train), transports,
                        JobRandomness.insecureDeterministicForTesting(5 + mode.ordinal()), TrainingListener.NONE);
                recorders.forEach((p, r) -> RECORDED.computeIfAbsent(p, k -> new ArrayList<>()).addAll(r.received()));
                OWNER_BY_MODE.put(mode, recorders.get(Participant.inputParty(0)).received());
            }
        }
    }

    @Test
    void computeParties_neverReceiveAnEncodingOfAnInputValue() {
        Set<String> patterns = new HashSet<>();
        for (double canary : CANARIES) {
            for (int f = FixedPoint.MIN_FRACTION_BITS; f <= FixedPoint.MAX_FRACTION_BITS; f++) {
                patterns.add(hex(longBytes(new FixedPoint(f).encode(canary))));
            }
            patterns.add(hex(longBytes(Double.doubleToLongBits(canary))));
        }
        List<String> found = new ArrayList<>();
        for (Participant party : List.of(Participant.PARTY_0, Participant.PARTY_1)) {
            for (RecordingTransport.Received r : RECORDED.get(party)) {
                String frame = hex(r.frame());
                for (String pattern : patterns) {
                    if (frame.contains(pattern)) {
                        found.add(party.name() + " from " + r.from().name() + ": " + pattern);
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "canary encodings received: " + found);
        assertFalse(RECORDED.get(Participant.PARTY_0).isEmpty(), "party 0 must have received frames");
    }

    /**
     * Chi-square over the top byte of every received ring element (255 degrees of freedom): a
     * share or masked value that is not uniform (say an unmasked small value, whose top byte is
     * 0x00 or 0xFF) shows at once; 400 is far in the tail of the uniform distribution.
     */
    @Test
    void receivedRingElements_areUniform() {
        for (Participant party : List.of(Participant.PARTY_0, Participant.PARTY_1)) {
            long[] counts = new long[256];
            long total = 0;
            for (RecordingTransport.Received r : RECORDED.get(party)) {
                byte[] frame = r.frame();
                for (int at = 1 + 7; at < frame.length; at += 8) {
                    counts[frame[at] & 0xFF]++;
                    total++;
                }
            }
            double expected = total / 256.0;
            double chi = 0;
            for (long c : counts) {
                chi += (c - expected) * (c - expected) / expected;
            }
            assertTrue(total > 5_000, party.name() + " received only " + total + " elements");
            assertTrue(chi < 400, party.name() + ": chi-square " + chi + " over " + total + " elements");
        }
    }

    /** The data owner's frames when the parties open E: the one seed of party 1's mask share of its rows, nothing else. */
    @Test
    void inputParty_partiesOpenE_receivesOnlyPartyOnesMaskSeed() {
        List<RecordingTransport.Received> got = OWNER_BY_MODE.get(MaskMode.OPENED_BY_PARTIES);
        assertEquals(1, got.size());
        assertEquals(Participant.DEALER, got.get(0).from());
        assertArrayEquals(ownerMaskSeed(MaskMode.OPENED_BY_PARTIES, "dealer-1"), got.get(0).frame(),
                "party 1's mask seed of the owner's rows, not party 0's");
    }

    /** The seed frame of one party's mask share over input party 0's rows, as the dealer of {@code mode}'s run derives it. */
    private static byte[] ownerMaskSeed(MaskMode mode, String party) {
        return Frames.encodeSeed(DataMask.seedFor(
                JobRandomness.insecureDeterministicForTesting(5 + mode.ordinal()).seed(party), 0));
    }

    /**
     * The data owner's frames in the client-aided mode: its own two mask seeds from the dealer, and
     * from each compute party only block requests (tag, first row, row count: the public schedule,
     * the same from both parties) ending with one "done".
     */
    @Test
    void inputParty_receivesItsTwoMaskSeedsAndOnlyBlockRequests() {
        List<RecordingTransport.Received> got = OWNER_BY_MODE.get(MaskMode.CLIENT_AIDED);
        Map<Participant, List<String>> requests = new HashMap<>();
        List<byte[]> seeds = new ArrayList<>();
        for (RecordingTransport.Received r : got) {
            if (r.from().equals(Participant.DEALER)) {
                seeds.add(r.frame());
            } else {
                requests.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(hex(r.frame()));
            }
        }
        assertEquals(2, seeds.size());
        assertArrayEquals(ownerMaskSeed(MaskMode.CLIENT_AIDED, "dealer-0"), seeds.get(0), "party 0's mask seed first");
        assertArrayEquals(ownerMaskSeed(MaskMode.CLIENT_AIDED, "dealer-1"), seeds.get(1), "then party 1's");
        assertEquals(Set.of(Participant.PARTY_0, Participant.PARTY_1), requests.keySet());
        List<String> fromParty0 = requests.get(Participant.PARTY_0);
        assertEquals(fromParty0, requests.get(Participant.PARTY_1));
        assertEquals("08", fromParty0.get(fromParty0.size() - 1));
        for (String request : fromParty0.subList(0, fromParty0.size() - 1)) {
            assertTrue(request.matches("06[0-9a-f]{16}"), "not a block request: " + request);
        }
    }

    @Test
    void dealer_receivesNothing() {
        assertEquals(List.of(), RECORDED.get(Participant.DEALER));
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
