package io.cleave.attestation.result;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.crypto.SignaturePublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Checks an attestation result for a relying party: the broker's ES256 signature with the key the
 * party pinned, the claims' shape, and the validity window at the clock's instant. It does not
 * appraise the claims; that is the party's own {@link io.cleave.attestation.AppraisalPolicy}.
 * Immutable and thread-safe.
 */
public final class AttestationResultVerifier {
    /** Clock difference tolerated between the broker and the relying party. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_CHARS = 16_384;
    private final SignaturePublicKey issuerKey;
    private final Clock clock;

    public AttestationResultVerifier(SignaturePublicKey issuerKey, Clock clock) {
        this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        CryptoJws.verifier(issuerKey.verifier());
    }

    /**
     * @return the result, once its signature verified and it is valid now
     * @throws AttestationException {@code MALFORMED_RESULT}, {@code RESULT_SIGNATURE_INVALID} or
     *     {@code RESULT_EXPIRED}, with what was wrong
     */
    public AttestationResult verify(String token) throws AttestationException {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new AttestationException(Reason.MALFORMED_RESULT,
                    "attestation result of " + token.length() + " characters is too long");
        }
        requireCanonicalSegments(token);
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AttestationException(Reason.MALFORMED_RESULT, "attestation result is not a compact JWS: "
                    + e.getMessage());
        }
        if (!CryptoJws.ALGORITHM.equals(jwt.getHeader().getAlgorithm())
                || !new JOSEObjectType(AttestationResultSigner.TYPE).equals(jwt.getHeader().getType())) {
            throw new AttestationException(Reason.MALFORMED_RESULT, "attestation result header must be alg "
                    + CryptoJws.ALGORITHM + ", typ " + AttestationResultSigner.TYPE);
        }
        boolean valid;
        try {
            valid = jwt.verify(CryptoJws.verifier(issuerKey.verifier()));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw new AttestationException(Reason.RESULT_SIGNATURE_INVALID,
                    "attestation result signature does not verify with the broker's attestation key");
        }
        AttestationResult result;
        try {
            result = ResultClaims.fromJwt(jwt.getJWTClaimsSet());
        } catch (ParseException e) {
            throw new AttestationException(Reason.MALFORMED_RESULT, "attestation result claims are not JSON");
        }
        Instant now = clock.instant();
        if (!result.expiresAt().isAfter(now.minus(CLOCK_SKEW))) {
            throw new AttestationException(Reason.RESULT_EXPIRED, "attestation result " + result.id() + " expired at "
                    + result.expiresAt());
        }
        if (result.issuedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new AttestationException(Reason.RESULT_EXPIRED, "attestation result " + result.id()
                    + " is issued in the future (" + result.issuedAt() + ")");
        }
        return result;
    }

    /**
     * Each segment must be the one base64url spelling of its bytes: a lenient decoder ignores the
     * spare low bits of the last character, so without this check one signed result would have
     * several accepted spellings.
     */
    private static void requireCanonicalSegments(String token) throws AttestationException {
        for (String segment : token.split("\\.", -1)) {
            byte[] bytes;
            try {
                bytes = Base64.getUrlDecoder().decode(segment);
            } catch (IllegalArgumentException e) {
                throw new AttestationException(Reason.MALFORMED_RESULT, "attestation result is not base64url: "
                        + e.getMessage());
            }
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment)) {
                throw new AttestationException(Reason.MALFORMED_RESULT,
                        "attestation result has a non-canonical base64url segment");
            }
        }
    }
}
