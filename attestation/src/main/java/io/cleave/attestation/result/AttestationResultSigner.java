package io.cleave.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import io.cleave.crypto.Signer;
import java.util.Objects;

/**
 * Signs attestation results as compact JWS (ES256, {@code typ} {@value #TYPE}). The broker holds
 * the only instance; relying parties check results with {@link AttestationResultVerifier}.
 * Thread-safe.
 */
public final class AttestationResultSigner {
    /** The JOSE {@code typ} of an attestation result. */
    public static final String TYPE = "eat+jwt";
    private final Signer signer;
    private final String keyId;

    /**
     * @param signer an ECDSA P-256 signer, e.g. {@code SigningKeyPair.signer()}
     * @param keyId names the key in the JWS header ({@code kid}) so that keys can be rotated
     */
    public AttestationResultSigner(Signer signer, String keyId) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        CryptoJws.signer(signer);
    }

    /** The compact serialisation {@code header.payload.signature}. */
    public String sign(AttestationResult result) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(CryptoJws.ALGORITHM).type(new JOSEObjectType(TYPE))
                .keyID(keyId).build(), ResultClaims.toJwt(result));
        try {
            jwt.sign(CryptoJws.signer(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException("the attestation result signing key failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
