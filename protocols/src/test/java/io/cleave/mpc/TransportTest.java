package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportTest {
    private static final List<Participant> THREE = List.of(Participant.PARTY_0, Participant.PARTY_1, Participant.DEALER);

    @Test
    void loopback_framesFromSeveralSenders_arriveInOrderPerSender() {
        try (LoopbackSocketNetwork network = LoopbackSocketNetwork.start(THREE, Duration.ofSeconds(10))) {
            Transport p0 = network.transport(Participant.PARTY_0);
            Transport dealer = network.transport(Participant.DEALER);
            Transport p1 = network.transport(Participant.PARTY_1);
            for (int i = 0; i < 50; i++) {
                p0.send(Participant.PARTY_1, new byte[] {0, (byte) i});
                dealer.send(Participant.PARTY_1, new byte[] {1, (byte) i});
            }
            byte[] big = new byte[9 << 20];
            big[big.length - 1] = 7;
            p0.send(Participant.PARTY_1, big);
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(new byte[] {1, (byte) i}, p1.receive(Participant.DEALER));
                assertArrayEquals(new byte[] {0, (byte) i}, p1.receive(Participant.PARTY_0));
            }
            assertArrayEquals(big, p1.receive(Participant.PARTY_0));
        }
    }

    @Test
    void loopback_nothingSent_receiveTimesOutNamingTheSender() {
        try (LoopbackSocketNetwork network = LoopbackSocketNetwork.start(THREE, Duration.ofMillis(100))) {
            TransportException e = assertThrows(TransportException.class,
                    () -> network.transport(Participant.PARTY_0).receive(Participant.DEALER));
            assertEquals("party-0: no frame from dealer within PT0.1S", e.getMessage());
        }
    }

    @Test
    void loopback_senderClosed_receiverGetsItsFramesThenAClearError() {
        try (LoopbackSocketNetwork network = LoopbackSocketNetwork.start(THREE, Duration.ofSeconds(30))) {
            Transport p0 = network.transport(Participant.PARTY_0);
            Transport p1 = network.transport(Participant.PARTY_1);
            p0.send(Participant.PARTY_1, new byte[0]);
            p0.send(Participant.PARTY_1, new byte[] {9});
            p0.close();
            assertArrayEquals(new byte[0], p1.receive(Participant.PARTY_0));
            assertArrayEquals(new byte[] {9}, p1.receive(Participant.PARTY_0));
            for (int attempt = 0; attempt < 2; attempt++) {
                TransportException e = assertThrows(TransportException.class, () -> p1.receive(Participant.PARTY_0));
                assertEquals("party-1: party-0 closed its connection", e.getMessage());
            }
        }
    }

    @Test
    void loopback_oversizedFrame_rejectedBeforeSending() {
        try (LoopbackSocketNetwork network = LoopbackSocketNetwork.start(THREE, Duration.ofSeconds(1))) {
            byte[] tooBig = new byte[LoopbackSocketNetwork.MAX_FRAME_BYTES + 1];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> network.transport(Participant.PARTY_0).send(Participant.PARTY_1, tooBig));
            assertEquals("frame of 67108865 bytes exceeds 67108864", e.getMessage());
        }
    }

    @Test
    void inMemory_recordingAndCounting_seeEveryReceivedByte() {
        Map<Participant, Transport> net = InMemoryNetwork.connect(THREE, Duration.ofSeconds(1));
        RecordingTransport recording = new RecordingTransport(net.get(Participant.PARTY_1));
        CountingTransport counting = new CountingTransport(recording);
        net.get(Participant.PARTY_0).send(Participant.PARTY_1, new byte[] {4, 5, 6});
        counting.receive(Participant.PARTY_0);
        assertEquals(3, counting.bytesReceived());
        assertEquals(1, recording.received().size());
        assertEquals(Participant.PARTY_0, recording.received().get(0).from());
        assertArrayEquals(new byte[] {4, 5, 6}, recording.received().get(0).frame());
    }

    @Test
    void participant_badName_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Participant("Party 0"));
        assertEquals("participant name must be 1..64 characters of [a-z0-9-], found Party 0", e.getMessage());
    }
}
