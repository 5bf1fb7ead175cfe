package io.cleave.attestation.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.channel.ChannelBinding;
import io.cleave.channel.ChannelException;
import io.cleave.channel.ChannelMessage;
import io.cleave.channel.ChannelSettings;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.LocalIdentity;
import io.cleave.channel.SealedChannel;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sealed channel with real federation certificates: valid, other CA, expired, revoked. */
class PkiPeerVerifierTest {
    private static final Duration DAY = Duration.ofDays(1);

    private final TestFederation federation = new TestFederation("cleave");
    private final OrganisationCa orgA;
    private final OrganisationCa orgB;

    PkiPeerVerifierTest() throws PkiException {
        orgA = federation.enrol("org-a");
        orgB = federation.enrol("org-b");
    }

    @Test
    void handshake_validFederationCertificates_opens() throws Exception {
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider b = TestFederation.provider(orgB, "compute-b", ProviderKind.COMPUTE, DAY);
        SealedChannel[] pair = handshake(a, b);
        byte[] payload = {1, 2, 3};
        assertArrayEquals(payload, assertInstanceOf(ChannelMessage.Data.class, pair[1].receive(pair[0].seal(payload))).payload());
        assertEquals("org-b", pair[0].peer().organisation());
    }

    @Test
    void handshake_peerFromAnotherFederation_isRejected() throws Exception {
        TestFederation other = new TestFederation("other");
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider b = TestFederation.provider(other.enrol("org-b"), "compute-b", ProviderKind.COMPUTE, DAY);
        assertHandshakeFails(a, b, "peer certificate rejected: certificate chain does not lead to this federation's root");
    }

    @Test
    void handshake_expiredPeer_isRejected() throws Exception {
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, Duration.ofDays(7));
        TestFederation.Provider b = TestFederation.provider(orgB, "compute-b", ProviderKind.COMPUTE, DAY);
        federation.clock.advance(DAY.plusMinutes(1));
        assertHandshakeFails(a, b, "peer certificate rejected: provider certificate '"
                + b.certificate().getSubjectX500Principal() + "' expired");
    }

    @Test
    void handshake_revokedPeerProvider_isRejectedOnTheNextHandshake() throws Exception {
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider b = TestFederation.provider(orgB, "compute-b", ProviderKind.COMPUTE, DAY);
        handshake(a, b);
        orgB.revokeProvider(b.certificate());
        assertHandshakeFails(a, b, "peer certificate rejected: provider certificate revoked: '"
                + b.certificate().getSubjectX500Principal() + "'");
    }

    @Test
    void handshake_revokedPeerOrganisation_isRejected() throws Exception {
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider b = TestFederation.provider(orgB, "compute-b", ProviderKind.COMPUTE, DAY);
        federation.federation.revokeOrganisation(orgB.certificate());
        assertHandshakeFails(a, b, "peer certificate rejected: organisation certificate revoked: '"
                + orgB.certificate().getSubjectX500Principal() + "'");
    }

    @Test
    void handshake_certificateFromAnotherOrganisationsCa_isRejected() throws Exception {
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("org-c");
        OrganisationCa orgC = enrolment.complete(federation.federation.approve(enrolment.csr(), Duration.ofDays(30)),
                federation.federation.rootCertificate(), federation.clock);
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        X509Certificate forged = ChainValidatorTest.forge(enrolment.key(), orgC.certificate(),
                Names.provider("org-b", ProviderKind.COMPUTE, "compute-b"), key);
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider b = new TestFederation.Provider(key, forged, List.of(forged, orgC.certificate()));
        assertHandshakeFails(a, b, "peer certificate rejected: provider certificate '"
                + forged.getSubjectX500Principal() + "' violates its issuer's name constraints");
    }

    @Test
    void handshake_validCertificateOfAnotherOrganisation_isRejectedAsTheWrongPeer() throws Exception {
        TestFederation.Provider a = TestFederation.provider(orgA, "compute-a", ProviderKind.COMPUTE, DAY);
        TestFederation.Provider c = TestFederation.provider(federation.enrol("org-c"), "compute-b",
                ProviderKind.COMPUTE, DAY);
        assertHandshakeFails(a, c, "peer identity mismatch: expected provider 'compute-b' of organisation 'org-b', "
                + "certificate names provider 'compute-b' of organisation 'org-c'");
    }

    private SealedChannel[] handshake(TestFederation.Provider a, TestFederation.Provider b) throws ChannelException {
        PkiPeerVerifier verifier = new PkiPeerVerifier(federation.validator());
        SealedChannel initiator = SealedChannel.initiator(new ChannelBinding("job-1", "party0", "party1"), local(a),
                new ExpectedPeer("org-b", "compute-b"), verifier, ChannelSettings.DEFAULT);
        SealedChannel responder = SealedChannel.responder(new ChannelBinding("job-1", "party1", "party0"), local(b),
                new ExpectedPeer("org-a", "compute-a"), verifier, ChannelSettings.DEFAULT);
        responder.accept(initiator.finish(responder.respond(initiator.hello())));
        return new SealedChannel[] {initiator, responder};
    }

    private void assertHandshakeFails(TestFederation.Provider a, TestFederation.Provider b, String message) {
        assertEquals(message, assertThrows(ChannelException.class, () -> handshake(a, b)).getMessage());
    }

    private static LocalIdentity local(TestFederation.Provider provider) {
        return new LocalIdentity(Certificates.encodeChain(provider.chain()), provider.key().signer());
    }
}
