package io.cleave.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * A one-use X25519 key (RFC 7748) for a handshake. Raw 32-byte public keys keep the wire format
 * simple; a peer key that yields the all-zero shared secret (a small-order point) is rejected.
 */
public final class X25519Ephemeral {
    public static final int PUBLIC_KEY_LENGTH = X25519PublicKeyParameters.KEY_SIZE;

    private final X25519PrivateKeyParameters privateKey;

    public X25519Ephemeral(SecureRandom random) {
        this.privateKey = new X25519PrivateKeyParameters(random);
    }

    public byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
        if (peerPublicKey.length != PUBLIC_KEY_LENGTH) {
            throw new GeneralSecurityException("X25519 public key must be 32 bytes");
        }
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(privateKey);
        byte[] shared = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey), shared, 0);
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException("X25519 peer key is a small-order point");
        }
        return shared;
    }
}
