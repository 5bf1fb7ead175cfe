package io.cleave.attestation;

/**
 * Checks that evidence is authentic — its signatures chain to the trust anchors of its type and
 * its fields are consistent — and returns what it attests. It does not decide whether those claims
 * are acceptable; that is {@link AppraisalPolicy#appraise}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface EvidenceVerifier {
    /**
     * @return the claims the evidence proves
     * @throws AttestationException with the reason when the evidence is malformed, of a type this
     *     verifier does not handle, or not authentic
     */
    VerifiedClaims verify(Evidence evidence) throws AttestationException;
}
