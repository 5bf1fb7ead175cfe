package io.cleave.channel;

import io.cleave.crypto.internal.InsecureNonceAesGcm;
import io.cleave.crypto.internal.X25519Ephemeral;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * SIGMA-I key exchange (Krawczyk 2003, the pattern of TLS 1.3 and IKEv2) over ephemeral X25519:
 * <pre>
 * I -> R  HELLO    job id, both roles, rekey policy, eI
 * R -> I  RESPONSE eR, {chainR, Sign_R(label_R || H1), MAC(kmR, label_R || chainR)}_kR
 * I -> R  FINISH   {chainI, Sign_I(label_I || H2), MAC(kmI, label_I || chainI)}_kI
 * </pre>
 * H1 = SHA-256(HELLO || version, type, eR); H2 = SHA-256(HELLO || RESPONSE); traffic secrets come
 * from SHA-256(HELLO || RESPONSE || FINISH). Identities travel encrypted (identity protection
 * for both sides; the initiator's against active attackers). Each handshake key encrypts one
 * message only, so its nonce is fixed at zero. Single use, not thread-safe.
 */
final class Handshake {
    private static final String RESPONDER = "cleave-channel-v1 responder";
    private static final String INITIATOR = "cleave-channel-v1 initiator";
    private static final byte[] ZERO_NONCE = new byte[InsecureNonceAesGcm.NONCE_LENGTH];

    record Secrets(byte[] send, byte[] receive, byte[] fingerprint, PeerIdentity peer) {
    }

    record Finished(byte[] finishMessage, Secrets secrets) {
    }

    private final ChannelBinding binding;
    private final LocalIdentity local;
    private final ExpectedPeer expected;
    private final PeerVerifier verifier;
    private final ChannelSettings settings;
    private final X25519Ephemeral ephemeral = new X25519Ephemeral(new SecureRandom());
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private KeySchedule schedule;
    private byte[] firstHash;

    Handshake(ChannelBinding binding, LocalIdentity local, ExpectedPeer expected, PeerVerifier verifier,
            ChannelSettings settings) {
        this.binding = binding;
        this.local = local;
        this.expected = expected;
        this.verifier = verifier;
        this.settings = settings;
    }

    byte[] hello() {
        byte[] hello = HandshakeMessages.encodeHello(new HandshakeMessages.Hello(settings, ephemeral.publicKey(),
                binding.jobId(), binding.localRole(), binding.peerRole()));
        transcript.writeBytes(hello);
        return hello;
    }

    byte[] respond(byte[] helloMessage) throws ChannelException {
        HandshakeMessages.Hello hello = HandshakeMessages.decodeHello(helloMessage);
        checkHello(hello);
        transcript.writeBytes(helloMessage);
        byte[] prefix = HandshakeMessages.responsePrefix(ephemeral.publicKey());
        startSchedule(hello.ephemeral(), prefix);
        byte[] proof = proof(RESPONDER, firstHash);
        byte[] response = KeySchedule.concat(prefix, seal(schedule.derive(RESPONDER + " key", firstHash), prefix, proof));
        transcript.writeBytes(response);
        return response;
    }

    /** Initiator: checks the responder's proof and returns FINISH plus the traffic secrets. */
    Finished finish(byte[] response) throws ChannelException {
        WireReader in = HandshakeMessages.header(response, HandshakeMessages.RESPONSE, "response");
        byte[] peerEphemeral = in.bytes(HandshakeMessages.EPHEMERAL_LENGTH, "ephemeral key");
        byte[] prefix = HandshakeMessages.responsePrefix(peerEphemeral);
        startSchedule(peerEphemeral, prefix);
        byte[] sealedProof = in.rest();
        PeerIdentity peer = checkProof(RESPONDER, firstHash, prefix, sealedProof);
        transcript.writeBytes(response);
        byte[] secondHash = KeySchedule.hash(transcript.toByteArray());
        byte[] finishPrefix = HandshakeMessages.finishPrefix();
        byte[] finish = KeySchedule.concat(finishPrefix,
                seal(schedule.derive(INITIATOR + " key", firstHash), finishPrefix, proof(INITIATOR, secondHash)));
        transcript.writeBytes(finish);
        return new Finished(finish, secrets(true, peer));
    }

    /** Responder: checks the initiator's proof and returns the traffic secrets. */
    Secrets accept(byte[] finish) throws ChannelException {
        WireReader in = HandshakeMessages.header(finish, HandshakeMessages.FINISH, "finish");
        byte[] secondHash = KeySchedule.hash(transcript.toByteArray());
        PeerIdentity peer = checkProof(INITIATOR, secondHash, HandshakeMessages.finishPrefix(), in.rest());
        transcript.writeBytes(finish);
        return secrets(false, peer);
    }

    private void checkHello(HandshakeMessages.Hello hello) throws ChannelException {
        if (!hello.jobId().equals(binding.jobId())) {
            throw new ChannelException("wrong job id: peer is bound to job '" + hello.jobId()
                    + "', this side to '" + binding.jobId() + "'");
        }
        if (!hello.responderRole().equals(binding.localRole())) {
            throw new ChannelException("wrong role: peer addresses this side as '" + hello.responderRole()
                    + "', this side is '" + binding.localRole() + "'");
        }
        if (!hello.initiatorRole().equals(binding.peerRole())) {
            throw new ChannelException("wrong role: peer claims role '" + hello.initiatorRole()
                    + "', expected '" + binding.peerRole() + "'");
        }
        if (!hello.settings().equals(settings)) {
            throw new ChannelException("rekey policy mismatch: peer " + hello.settings() + ", this side " + settings);
        }
    }

    private void startSchedule(byte[] peerEphemeral, byte[] responsePrefix) throws ChannelException {
        try {
            schedule = new KeySchedule(ephemeral.agree(peerEphemeral));
        } catch (GeneralSecurityException e) {
            throw new ChannelException("handshake failed: " + e.getMessage());
        }
        firstHash = KeySchedule.hash(transcript.toByteArray(), responsePrefix);
    }

    private byte[] proof(String label, byte[] transcriptHash) throws ChannelException {
        byte[] chain = local.certificateChain();
        byte[] signature;
        try {
            signature = local.signer().sign(KeySchedule.concat(label.getBytes(StandardCharsets.US_ASCII), transcriptHash));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("local signer failed", e);
        }
        byte[] mac = KeySchedule.mac(schedule.derive(label + " mac", firstHash), label, chain);
        return HandshakeMessages.encodeProof(new HandshakeMessages.Proof(chain, signature, mac));
    }

    private PeerIdentity checkProof(String label, byte[] signedHash, byte[] aad, byte[] sealedProof)
            throws ChannelException {
        HandshakeMessages.Proof proof = HandshakeMessages.decodeProof(
                open(schedule.derive(label + " key", firstHash), aad, sealedProof));
        PeerIdentity peer = verifyChain(proof.certificateChain());
        if (!expected.matches(peer)) {
            throw new ChannelException("peer identity mismatch: expected provider '" + expected.provider()
                    + "' of organisation '" + expected.organisation() + "', certificate names provider '"
                    + peer.provider() + "' of organisation '" + peer.organisation() + "'");
        }
        try {
            peer.signingKey().verifier().verify(proof.signature(),
                    KeySchedule.concat(label.getBytes(StandardCharsets.US_ASCII), signedHash));
        } catch (GeneralSecurityException e) {
            throw new ChannelException("handshake signature invalid");
        }
        byte[] mac = KeySchedule.mac(schedule.derive(label + " mac", firstHash), label, proof.certificateChain());
        if (!MessageDigest.isEqual(mac, proof.mac())) {
            throw new ChannelException("handshake MAC invalid");
        }
        return peer;
    }

    private PeerIdentity verifyChain(byte[] chain) throws ChannelException {
        try {
            return verifier.verify(chain);
        } catch (RuntimeException e) {
            throw new ChannelException("peer certificate rejected: verifier failed on malformed input");
        }
    }

    private Secrets secrets(boolean initiator, PeerIdentity peer) throws ChannelException {
        byte[] finalHash = KeySchedule.hash(transcript.toByteArray());
        byte[] i2r = schedule.derive("cleave-channel-v1 initiator traffic", finalHash);
        byte[] r2i = schedule.derive("cleave-channel-v1 responder traffic", finalHash);
        byte[] fingerprint = schedule.derive("cleave-channel-v1 fingerprint", finalHash);
        return initiator ? new Secrets(i2r, r2i, fingerprint, peer) : new Secrets(r2i, i2r, fingerprint, peer);
    }

    private static byte[] seal(byte[] key, byte[] aad, byte[] plaintext) {
        try {
            byte[] out = new byte[plaintext.length + InsecureNonceAesGcm.TAG_LENGTH];
            new InsecureNonceAesGcm(key).encrypt(ZERO_NONCE, aad, plaintext, 0, plaintext.length, out, 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] open(byte[] key, byte[] aad, byte[] ciphertext) throws ChannelException {
        try {
            return new InsecureNonceAesGcm(key).decrypt(ZERO_NONCE, aad, ciphertext, 0, ciphertext.length);
        } catch (GeneralSecurityException e) {
            throw new ChannelException("handshake decryption failed");
        }
    }
}
