package io.cleave.broker.api.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cleave.attestation.pki.Certificates;
import io.cleave.attestation.pki.ChainValidator;
import io.cleave.attestation.pki.FederationCa;
import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.PkiPeerVerifier;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.broker.relay.RelayHub;
import io.cleave.broker.relay.RelayRefused;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.LocalIdentity;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.mpc.Participant;
import io.cleave.mpc.Transport;
import io.cleave.mpc.TransportException;
import io.cleave.protocols.v1.RelayData;
import io.cleave.protocols.v1.RelayGrpc;
import io.cleave.protocols.v1.RelayJoin;
import io.cleave.protocols.v1.RelayKind;
import io.cleave.protocols.v1.RelayMessage;
import io.cleave.relay.RelaySession;
import io.cleave.relay.RelayTransport;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay on real sockets between two participants of different organisations: what it handles
 * is only handshake messages and ciphertext, so a canary planted in a payload never appears among
 * the bytes it forwards, and does appear on the receiving side.
 */
class RelayCanaryTest {
    private static final byte[] CANARY = "CANARY-7f3a9c-the-broker-must-never-see-this".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final Clock clock = Clock.systemUTC();
    private final ByteArrayOutputStream relayed = new ByteArrayOutputStream();
    private final List<RelayKind> kinds = new ArrayList<>();
    private FederationCa federation;
    private OrganisationCa orgA;
    private OrganisationCa orgB;
    private RelayHub hub;
    private RelayServer server;

    @BeforeEach
    void start() throws Exception {
        federation = FederationCa.create("relay-test", Duration.ofDays(10), clock);
        orgA = organisation("org-a");
        orgB = organisation("org-b");
        hub = new RelayHub((job, participant, caller) -> { }, (job, from, to, kind, payload) -> {
            synchronized (relayed) {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                relayed.write(bytes, 0, bytes.length);
                kinds.add(kind);
            }
        }, this::crls);
        server = new RelayServer(hub);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void relay_forwardsOnlyCiphertext_canaryNeverSeenByBroker_seenByReceiver() throws Exception {
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        for (int at : new int[] {0, 65_530, 131_060, big.length - CANARY.length}) {
            System.arraycopy(CANARY, 0, big, at, CANARY.length);
        }
        CompletableFuture<Transport> party1 = CompletableFuture.supplyAsync(() -> open(Participant.PARTY_1, orgB, "p1",
                Map.of(Participant.PARTY_0, new ExpectedPeer("org-a", "p0"))));
        Transport party0 = open(Participant.PARTY_0, orgA, "p0", Map.of(Participant.PARTY_1,
                new ExpectedPeer("org-b", "p1")));
        Transport receiver = party1.get(30, TimeUnit.SECONDS);
        hub.dealerTransport("job-1").send(Participant.PARTY_1, new byte[] {1, 2, 3});
        party0.send(Participant.PARTY_1, big);
        party0.send(Participant.PARTY_1, CANARY);

        assertArrayEquals(new byte[] {1, 2, 3}, receiver.receive(Participant.DEALER));
        assertArrayEquals(big, receiver.receive(Participant.PARTY_0));
        assertArrayEquals(CANARY, receiver.receive(Participant.PARTY_0));
        party0.close();
        receiver.close();

        byte[] seen;
        synchronized (relayed) {
            seen = relayed.toByteArray();
        }
        assertTrue(seen.length > big.length, "the relay forwarded the sealed frames: " + seen.length + " bytes");
        assertFalse(contains(seen, CANARY), "the canary crossed the relay in the clear");
        assertTrue(kinds.contains(RelayKind.SEALED) && kinds.contains(RelayKind.HANDSHAKE), kinds.toString());
    }

    @Test
    void attempts_ownSessions_framesOfAPausedAttemptNeverReachTheNext() throws Exception {
        String first = new RelaySession("job-1", 1).id();
        String second = new RelaySession("job-1", 2).id();
        hub.dealerTransport(first).send(Participant.PARTY_1, new byte[] {1});
        hub.endJob(first);
        assertEquals("relay session job-1 ended: the dealer stops", assertThrows(RelayRefused.class,
                () -> hub.dealerTransport(first).send(Participant.PARTY_1, new byte[] {9})).getMessage());

        hub.dealerTransport(second).send(Participant.PARTY_1, new byte[] {2});
        CompletableFuture<Transport> party1 = CompletableFuture.supplyAsync(() -> open(second, Participant.PARTY_1, orgB,
                "p1", Map.of(Participant.PARTY_0, new ExpectedPeer("org-a", "p0"))));
        Transport party0 = open(second, Participant.PARTY_0, orgA, "p0", Map.of(Participant.PARTY_1,
                new ExpectedPeer("org-b", "p1")));
        Transport receiver = party1.get(30, TimeUnit.SECONDS);
        party0.send(Participant.PARTY_1, CANARY);

        assertArrayEquals(new byte[] {2}, receiver.receive(Participant.DEALER), "attempt 1's frame was dropped");
        assertArrayEquals(CANARY, receiver.receive(Participant.PARTY_0));
        party0.close();
        receiver.close();
    }

    @Test
    void open_peerOfAnotherOrganisationThanAssigned_failsWithChannelError() {
        CompletableFuture<Transport> party1 = CompletableFuture.supplyAsync(() -> open(Participant.PARTY_1, orgB, "p1",
                Map.of(Participant.PARTY_0, new ExpectedPeer("org-c", "p0"))));
        CompletableFuture.runAsync(() -> {
            try {
                open(Participant.PARTY_0, orgA, "p0", Map.of(Participant.PARTY_1, new ExpectedPeer("org-b", "p1")));
            } catch (TransportException expected) {
                // its peer gave up; this side's error is checked below
            }
        });
        var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> party1.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof TransportException, String.valueOf(e.getCause()));
        assertEquals("party-1: sealed channel with party-0 failed: peer identity mismatch: expected provider 'p0' of "
                + "organisation 'org-c', certificate names provider 'p0' of organisation 'org-a'",
                e.getCause().getMessage());
    }

    @Test
    void connect_asDealerOrSendingDealerFrames_refused() throws Exception {
        assertEquals("PERMISSION_DENIED: the dealer runs in the broker; no provider can join as it",
                refusal(RelayMessage.newBuilder().setJoin(RelayJoin.newBuilder().setJobId("job-1")
                        .setParticipant("dealer")).build()));
        assertEquals("PERMISSION_DENIED: participants send HANDSHAKE or SEALED frames only, not DEALER",
                refusal(RelayMessage.newBuilder().setJoin(RelayJoin.newBuilder().setJobId("job-1")
                        .setParticipant("party-1")).build(), RelayMessage.newBuilder().setData(RelayData.newBuilder()
                        .setPeer("party-0").setKind(RelayKind.DEALER).setPayload(ByteString.copyFromUtf8("fake seed")))
                        .build()));
    }

    /** Sends {@code messages} on a raw relay stream; returns the status the broker ends it with. */
    private String refusal(RelayMessage... messages) throws Exception {
        ManagedChannel channel = server.channel();
        CompletableFuture<String> status = new CompletableFuture<>();
        StreamObserver<RelayMessage> out = RelayGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(RelayMessage value) {
                // the JOINED answer, if any
            }

            @Override
            public void onError(Throwable t) {
                status.complete(t.getMessage());
            }

            @Override
            public void onCompleted() {
                status.complete("completed");
            }
        });
        for (RelayMessage m : messages) {
            out.onNext(m);
        }
        return status.get(10, TimeUnit.SECONDS);
    }

    private Transport open(Participant self, OrganisationCa org, String provider, Map<Participant, ExpectedPeer> peers) {
        return open("job-1", self, org, provider, peers);
    }

    private Transport open(String session, Participant self, OrganisationCa org, String provider,
            Map<Participant, ExpectedPeer> peers) {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
            var certificate = org.issueProviderCertificate(provider, ProviderKind.COMPUTE, key.publicKey(),
                    Duration.ofHours(1));
            LocalIdentity identity = new LocalIdentity(Certificates.encodeChain(org.chainFor(certificate)), key.signer());
            ManagedChannel channel = server.channel();
            return RelayTransport.open(channel, new RelayTransport.Settings(session, self, peers, identity,
                    crls -> new PkiPeerVerifier(new ChainValidator(federation.rootCertificate(), clock,
                            () -> List.of(federation.currentCrl(Duration.ofDays(1)), orgA.currentCrl(Duration.ofDays(1)),
                                    orgB.currentCrl(Duration.ofDays(1))))), TIMEOUT));
    }

    private OrganisationCa organisation(String name) throws PkiException {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr(name);
        return enrolment.complete(federation.approve(enrolment.csr(), Duration.ofDays(1)), federation.rootCertificate(),
                clock);
    }

    private List<byte[]> crls() {
        try {
            return List.of(federation.currentCrl(Duration.ofDays(1)).getEncoded(),
                    orgA.currentCrl(Duration.ofDays(1)).getEncoded(), orgB.currentCrl(Duration.ofDays(1)).getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
