package io.cleave.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.crypto.SignatureAlgorithm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SealedChannelTest {
    private static final byte[] ROWS = "secret shares of page 3".getBytes(StandardCharsets.UTF_8);

    @Test
    void handshake_validPeers_bothOpenWithSameFingerprintAndVerifiedPeers() throws Exception {
        ChannelPair pair = ChannelPair.open();
        assertTrue(pair.initiator.isOpen() && pair.responder.isOpen());
        assertArrayEquals(pair.initiator.sessionFingerprint(), pair.responder.sessionFingerprint());
        assertEquals("compute-b", pair.initiator.peer().provider());
        assertEquals("org-a", pair.responder.peer().organisation());
    }

    @Test
    void sealReceive_bothDirections_deliverPayloadsInOrder() throws Exception {
        ChannelPair pair = ChannelPair.open();
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(ROWS, data(pair.responder.receive(pair.initiator.seal(ROWS))));
            assertArrayEquals(new byte[i], data(pair.initiator.receive(pair.responder.seal(new byte[i]))));
        }
        assertArrayEquals(new byte[SealedChannel.MAX_PLAINTEXT],
                data(pair.responder.receive(pair.initiator.seal(new byte[SealedChannel.MAX_PLAINTEXT]))));
    }

    @Test
    void receive_readOnlyDirectAndOffsetBuffers_deliverThePayloadAndLeaveTheFrameUnchanged() throws Exception {
        ChannelPair pair = ChannelPair.open();
        byte[] first = pair.initiator.seal(ROWS);
        byte[] sent = first.clone();
        assertArrayEquals(ROWS, data(pair.responder.receive(ByteBuffer.wrap(first).asReadOnlyBuffer())));
        assertArrayEquals(sent, first);
        byte[] second = pair.initiator.seal(ROWS);
        ByteBuffer direct = ByteBuffer.allocateDirect(second.length).put(second).flip();
        assertArrayEquals(ROWS, data(pair.responder.receive(direct)));
        byte[] third = pair.initiator.seal(ROWS);
        byte[] padded = new byte[third.length + 9];
        System.arraycopy(third, 0, padded, 5, third.length);
        assertArrayEquals(ROWS, data(pair.responder.receive(ByteBuffer.wrap(padded, 5, third.length).slice())));
    }

    @Test
    void handshake_ed25519Identities_work() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "memory-a", SignatureAlgorithm.ED25519);
        TestIdentities.Party b = authority.issue("org-b", "compute-b", SignatureAlgorithm.ED25519);
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("j", "memory", "party0"), a.local(), b.asPeer(),
                authority, ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(new ChannelBinding("j", "party0", "memory"), b.local(), a.asPeer(),
                authority, ChannelSettings.DEFAULT);
        r.accept(i.finish(r.respond(i.hello())));
        assertArrayEquals(ROWS, data(r.receive(i.seal(ROWS))));
    }

    @Test
    void sealReceive_concurrentDirectionsOnOneChannel_deliverEveryFrameInOrder() throws Exception {
        ChannelPair pair = ChannelPair.open();
        int frames = 200;
        BlockingQueue<byte[]> toResponder = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> sender = pool.submit(() -> {
                for (int i = 0; i < frames; i++) {
                    toResponder.add(pair.initiator.seal(new byte[] {(byte) i}));
                }
                return null;
            });
            Future<?> echo = pool.submit(() -> {
                for (int i = 0; i < frames; i++) {
                    byte[] frame = toResponder.take();
                    pair.initiator.receive(pair.responder.seal(data(pair.responder.receive(frame))));
                }
                return null;
            });
            sender.get(30, TimeUnit.SECONDS);
            echo.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertArrayEquals(ROWS, data(pair.responder.receive(pair.initiator.seal(ROWS))));
    }

    @Test
    void receive_replayedFrame_failsChannel() throws Exception {
        ChannelPair pair = ChannelPair.open();
        byte[] frame = pair.initiator.seal(ROWS);
        pair.responder.receive(frame);
        assertFails("replayed frame: counter 0, expected 1", () -> pair.responder.receive(frame));
        assertFails("channel failed earlier: replayed frame: counter 0, expected 1",
                () -> pair.responder.receive(pair.initiator.seal(ROWS)));
    }

    @Test
    void receive_reorderedFrames_failsChannel() throws Exception {
        ChannelPair pair = ChannelPair.open();
        pair.initiator.seal(ROWS);
        byte[] second = pair.initiator.seal(ROWS);
        assertFails("dropped or reordered frame: counter 1, expected 0", () -> pair.responder.receive(second));
    }

    @Test
    void receive_droppedFrame_failsChannel() throws Exception {
        ChannelPair pair = ChannelPair.open();
        pair.responder.receive(pair.initiator.seal(ROWS));
        pair.initiator.seal(ROWS);
        byte[] third = pair.initiator.seal(ROWS);
        assertFails("dropped or reordered frame: counter 2, expected 1", () -> pair.responder.receive(third));
    }

    @Test
    void receive_frameFromTheOtherDirection_failsAuthentication() throws Exception {
        ChannelPair pair = ChannelPair.open();
        byte[] ownFrame = pair.responder.seal(ROWS);
        assertFails("frame authentication failed", () -> pair.responder.receive(ownFrame));
    }

    @Test
    void receive_frameFromAnotherSessionOfTheSameJob_failsAuthentication() throws Exception {
        ChannelPair first = ChannelPair.open();
        ChannelPair second = ChannelPair.open();
        assertFails("frame authentication failed", () -> second.responder.receive(first.initiator.seal(ROWS)));
    }

    @Test
    void close_orderly_endsBothSidesWithoutError() throws Exception {
        ChannelPair pair = ChannelPair.open();
        pair.responder.receive(pair.initiator.seal(ROWS));
        assertInstanceOf(ChannelMessage.Closed.class, pair.responder.receive(pair.initiator.close()));
        pair.responder.transportEnded();
        pair.initiator.transportEnded();
        assertFalse(pair.responder.isOpen());
        assertFails("channel is closed", () -> pair.initiator.seal(ROWS));
    }

    @Test
    void transportEnded_withoutCloseFrame_isTruncation() throws Exception {
        ChannelPair pair = ChannelPair.open();
        pair.responder.receive(pair.initiator.seal(ROWS));
        assertFails("channel truncated: transport ended in state OPEN without a close frame",
                pair.responder::transportEnded);
    }

    @Test
    void respond_wrongJobId_failsWithJobIds() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "compute-a");
        TestIdentities.Party b = authority.issue("org-b", "compute-b");
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("job-1", "party0", "party1"), a.local(), b.asPeer(),
                authority, ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(new ChannelBinding("job-2", "party1", "party0"), b.local(), a.asPeer(),
                authority, ChannelSettings.DEFAULT);
        assertFails("wrong job id: peer is bound to job 'job-1', this side to 'job-2'", () -> r.respond(i.hello()));
    }

    @Test
    void respond_peerAddressesWrongRole_failsWithRoles() throws Exception {
        assertRolesRejected(new ChannelBinding("j", "party0", "memory"), new ChannelBinding("j", "party1", "party0"),
                "wrong role: peer addresses this side as 'memory', this side is 'party1'");
    }

    @Test
    void respond_peerClaimsUnexpectedRole_failsWithRoles() throws Exception {
        assertRolesRejected(new ChannelBinding("j", "memory", "party1"), new ChannelBinding("j", "party1", "party0"),
                "wrong role: peer claims role 'memory', expected 'party0'");
    }

    @Test
    void respond_differentRekeyPolicy_fails() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "compute-a");
        TestIdentities.Party b = authority.issue("org-b", "compute-b");
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("j", "party0", "party1"), a.local(), b.asPeer(),
                authority, new ChannelSettings(10, 1000));
        SealedChannel r = SealedChannel.responder(new ChannelBinding("j", "party1", "party0"), b.local(), a.asPeer(),
                authority, new ChannelSettings(10, 2000));
        assertFails("rekey policy mismatch: peer ChannelSettings[rekeyAfterFrames=10, rekeyAfterBytes=1000], "
                + "this side ChannelSettings[rekeyAfterFrames=10, rekeyAfterBytes=2000]", () -> r.respond(i.hello()));
    }

    @Test
    void finish_responderCertificateUntrusted_failsWithVerifierMessage() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "compute-a");
        TestIdentities.Party rogue = TestIdentities.untrusted("org-b", "compute-b");
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("j", "party0", "party1"), a.local(), rogue.asPeer(),
                authority, ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(new ChannelBinding("j", "party1", "party0"), rogue.local(), a.asPeer(),
                authority, ChannelSettings.DEFAULT);
        byte[] response = r.respond(i.hello());
        assertFails(TestIdentities.UNTRUSTED, () -> i.finish(response));
        assertFails("channel failed earlier: " + TestIdentities.UNTRUSTED, () -> i.seal(ROWS));
    }

    @Test
    void accept_initiatorCertificateUntrusted_failsWithVerifierMessage() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party rogue = TestIdentities.untrusted("org-a", "compute-a");
        TestIdentities.Party b = authority.issue("org-b", "compute-b");
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("j", "party0", "party1"), rogue.local(), b.asPeer(),
                authority, ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(new ChannelBinding("j", "party1", "party0"), b.local(), rogue.asPeer(),
                authority, ChannelSettings.DEFAULT);
        byte[] finish = i.finish(r.respond(i.hello()));
        assertFails(TestIdentities.UNTRUSTED, () -> r.accept(finish));
    }

    @Test
    void finish_trustedButUnexpectedProvider_failsWithIdentityMismatch() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "compute-a");
        TestIdentities.Party b = authority.issue("org-b", "compute-b");
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("j", "party0", "party1"), a.local(),
                new ExpectedPeer("org-c", "compute-c"), authority, ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(new ChannelBinding("j", "party1", "party0"), b.local(), a.asPeer(),
                authority, ChannelSettings.DEFAULT);
        byte[] response = r.respond(i.hello());
        assertFails("peer identity mismatch: expected provider 'compute-c' of organisation 'org-c', "
                + "certificate names provider 'compute-b' of organisation 'org-b'", () -> i.finish(response));
    }

    @Test
    void finish_certificateOfAnotherTrustedProviderWithoutItsKey_failsSignature() throws Exception {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "compute-a");
        TestIdentities.Party b = authority.issue("org-b", "compute-b");
        TestIdentities.Party thief = authority.issue("org-x", "compute-x");
        LocalIdentity stolen = new LocalIdentity(b.local().certificateChain(), thief.local().signer());
        SealedChannel i = SealedChannel.initiator(new ChannelBinding("j", "party0", "party1"), a.local(), b.asPeer(),
                authority, ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(new ChannelBinding("j", "party1", "party0"), stolen, a.asPeer(),
                authority, ChannelSettings.DEFAULT);
        byte[] response = r.respond(i.hello());
        assertFails("handshake signature invalid", () -> i.finish(response));
    }

    @Test
    void seal_counterExhausted_failsClosed() throws Exception {
        ChannelPair pair = ChannelPair.open();
        pair.initiator.setCountersForTesting(-2L, 0);
        pair.responder.setCountersForTesting(0, -2L);
        assertArrayEquals(ROWS, data(pair.responder.receive(pair.initiator.seal(ROWS))));
        assertFails("send counter exhausted", () -> pair.initiator.seal(ROWS));
    }

    @Test
    void receive_counterExhausted_failsClosed() throws Exception {
        ChannelPair pair = ChannelPair.open();
        pair.responder.setCountersForTesting(0, -1L);
        assertFails("receive counter exhausted", () -> pair.responder.receive(pair.initiator.seal(ROWS)));
    }

    @Test
    void calls_outOfOrder_areProgrammingErrorsAndFailTheChannel() throws Exception {
        ChannelPair pair = new ChannelPair();
        assertEquals("seal() requires state OPEN, channel is NEW",
                assertThrows(IllegalStateException.class, () -> pair.initiator.seal(ROWS)).getMessage());
        assertFails("channel failed earlier: seal() called in state NEW", () -> pair.initiator.seal(ROWS));
        assertEquals("respond() is for the responder; this channel is the initiator",
                assertThrows(IllegalStateException.class, () -> pair.initiator.respond(new byte[0])).getMessage());
    }

    @Test
    void seal_payloadOver64KiB_isRejected() throws Exception {
        ChannelPair pair = ChannelPair.open();
        assertEquals("plaintext must be at most 65536 bytes, got 65537", assertThrows(IllegalArgumentException.class,
                () -> pair.initiator.seal(new byte[SealedChannel.MAX_PLAINTEXT + 1])).getMessage());
    }

    @Test
    void binding_invalidValues_areRejectedWithRule() {
        assertEquals("localRole and peerRole must differ, both are 'party0'", assertThrows(IllegalArgumentException.class,
                () -> new ChannelBinding("j", "party0", "party0")).getMessage());
        assertEquals("jobId must match [A-Za-z0-9._:-]{1,128}, got 'a b'", assertThrows(IllegalArgumentException.class,
                () -> new ChannelBinding("a b", "party0", "party1")).getMessage());
    }

    private static void assertRolesRejected(ChannelBinding initiatorBinding, ChannelBinding responderBinding,
            String message) {
        TestIdentities authority = new TestIdentities();
        TestIdentities.Party a = authority.issue("org-a", "compute-a");
        TestIdentities.Party b = authority.issue("org-b", "compute-b");
        SealedChannel i = SealedChannel.initiator(initiatorBinding, a.local(), b.asPeer(), authority,
                ChannelSettings.DEFAULT);
        SealedChannel r = SealedChannel.responder(responderBinding, b.local(), a.asPeer(), authority,
                ChannelSettings.DEFAULT);
        assertFails(message, () -> r.respond(i.hello()));
    }

    static byte[] data(ChannelMessage message) {
        return assertInstanceOf(ChannelMessage.Data.class, message).payload();
    }

    static void assertFails(String message, Executable call) {
        assertEquals(message, assertThrows(ChannelException.class, call).getMessage());
    }
}
