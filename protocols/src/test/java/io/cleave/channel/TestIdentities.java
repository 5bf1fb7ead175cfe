package io.cleave.channel;

import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake PKI for channel tests (the real X.509 one lives in the attestation module): a
 * "certificate" is (organisation, provider, public key) in bytes, trusted only if this authority
 * issued exactly those bytes.
 */
final class TestIdentities implements PeerVerifier {
    static final String UNTRUSTED = "peer certificate rejected: not issued by the test authority";

    private final Map<List<Byte>, PeerIdentity> issued = new ConcurrentHashMap<>();

    record Party(LocalIdentity local, ExpectedPeer asPeer) {
    }

    Party issue(String organisation, String provider) {
        return issue(organisation, provider, SignatureAlgorithm.ECDSA_P256_SHA256);
    }

    Party issue(String organisation, String provider, SignatureAlgorithm algorithm) {
        SigningKeyPair key = SigningKeyPair.generate(algorithm);
        byte[] certificate = encode(organisation, provider, key.publicKey());
        issued.put(asList(certificate), new PeerIdentity(organisation, provider, key.publicKey()));
        return new Party(new LocalIdentity(certificate, key.signer()), new ExpectedPeer(organisation, provider));
    }

    /** A party whose certificate this authority never issued (another CA, in effect). */
    static Party untrusted(String organisation, String provider) {
        SigningKeyPair key = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        return new Party(new LocalIdentity(encode(organisation, provider, key.publicKey()), key.signer()),
                new ExpectedPeer(organisation, provider));
    }

    @Override
    public PeerIdentity verify(byte[] certificateChain) throws ChannelException {
        PeerIdentity identity = issued.get(asList(certificateChain));
        if (identity == null) {
            throw new ChannelException(UNTRUSTED);
        }
        return identity;
    }

    private static byte[] encode(String organisation, String provider, SignaturePublicKey key) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(organisation);
            out.writeUTF(provider);
            out.write(key.encoded());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Byte> asList(byte[] bytes) {
        Byte[] boxed = new Byte[bytes.length];
        Arrays.setAll(boxed, i -> bytes[i]);
        return List.of(boxed);
    }

}
