package io.cleave.attestation;

import io.cleave.attestation.AttestationException.Reason;
import java.util.Optional;

/**
 * Routes each evidence type to its verifier. A type without a verifier is refused; the switch over
 * {@link EvidenceType} is exhaustive, so a new type is a compile error here until it is handled.
 */
public final class DispatchingEvidenceVerifier implements EvidenceVerifier {
    private final Optional<EvidenceVerifier> sevSnp;
    private final Optional<EvidenceVerifier> software;

    /**
     * @param sevSnp verifier for {@link Evidence.SevSnp}, or empty to refuse that type
     * @param software verifier for {@link Evidence.Software}, or empty to refuse that type
     */
    public DispatchingEvidenceVerifier(Optional<EvidenceVerifier> sevSnp, Optional<EvidenceVerifier> software) {
        this.sevSnp = sevSnp;
        this.software = software;
    }

    @Override
    public VerifiedClaims verify(Evidence evidence) throws AttestationException {
        Optional<EvidenceVerifier> delegate = switch (evidence.type()) {
            case SEV_SNP -> sevSnp;
            case SOFTWARE -> software;
        };
        if (delegate.isEmpty()) {
            throw new AttestationException(Reason.UNSUPPORTED_EVIDENCE_TYPE,
                    "no verifier is configured for " + evidence.type() + " evidence");
        }
        return delegate.get().verify(evidence);
    }
}
