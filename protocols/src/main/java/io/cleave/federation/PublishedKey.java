package io.cleave.federation;

import io.cleave.crypto.HpkePublicKey;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.Signer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * An organisation's HPKE public key for results, signed with its organisation key so that the
 * broker, which relays it, cannot put its own key in its place.
 */
public final class PublishedKey {
    private PublishedKey() {
    }

    static byte[] statement(String organisation, byte[] hpkePublicKey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("cleave/v1/hpke-key\n" + organisation + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(hpkePublicKey);
        return out.toByteArray();
    }

    public static byte[] sign(Signer organisationKey, String organisation, HpkePublicKey key)
            throws GeneralSecurityException {
        return organisationKey.sign(statement(organisation, key.encode()));
    }

    /** @return the key, once the organisation's signature over it checked out */
    public static HpkePublicKey verify(SignaturePublicKey organisationKey, String organisation, byte[] hpkePublicKey,
            byte[] signature) throws GeneralSecurityException {
        try {
            organisationKey.verifier().verify(signature, statement(organisation, hpkePublicKey));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("the HPKE key of " + organisation + " is not signed by its organisation key");
        }
        return HpkePublicKey.decode(hpkePublicKey);
    }
}
