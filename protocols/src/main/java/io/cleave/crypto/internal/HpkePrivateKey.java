package io.cleave.crypto.internal;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;

/** Internal holder of an HPKE KEM key pair; never leaves {@code io.cleave.crypto}. */
public final class HpkePrivateKey {
    private final AsymmetricCipherKeyPair pair;

    HpkePrivateKey(AsymmetricCipherKeyPair pair) {
        this.pair = pair;
    }

    AsymmetricCipherKeyPair pair() {
        return pair;
    }

    @Override
    public String toString() {
        return "HpkePrivateKey[redacted]";
    }
}
