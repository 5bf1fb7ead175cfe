package io.cleave.attestation.software;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.EvidenceVerifier;
import io.cleave.attestation.VerifiedClaims;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies software evidence with the provider key the resolver trusts for its key id. The claims
 * are always {@code hardwareIsolated=false}, product {@code software}, no TCB and no policy flags:
 * only the provider's word vouches for the measurement. Immutable and thread-safe if the resolver is.
 */
public final class SoftwareEvidenceVerifier implements EvidenceVerifier {
    /** The product name software claims carry. */
    public static final String PRODUCT = "software";

    private final VerificationKeyResolver keys;

    public SoftwareEvidenceVerifier(VerificationKeyResolver keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public VerifiedClaims verify(Evidence evidence) throws AttestationException {
        Objects.requireNonNull(evidence, "evidence");
        if (!(evidence instanceof Evidence.Software software)) {
            throw new AttestationException(Reason.UNSUPPORTED_EVIDENCE_TYPE,
                    "the software verifier cannot verify " + evidence.type() + " evidence");
        }
        EvidenceVerificationKey key = keys.find(software.signerKeyId()).orElseThrow(() -> new AttestationException(
                Reason.UNKNOWN_SIGNING_KEY, "software evidence is signed by '" + software.signerKeyId()
                        + "', a key this verifier does not trust"));
        if (!key.keyId().equals(software.signerKeyId())) {
            throw new IllegalStateException("resolver returned key '" + key.keyId() + "' for '"
                    + software.signerKeyId() + "'");
        }
        byte[] statement = SoftwareEvidenceFormat.statement(software.measurement(), software.reportData(),
                software.signerKeyId());
        try {
            key.verify(statement, software.signature());
        } catch (GeneralSecurityException e) {
            throw new AttestationException(Reason.EVIDENCE_SIGNATURE_INVALID,
                    "software evidence signature does not verify with key '" + software.signerKeyId() + "'", e);
        }
        return new VerifiedClaims(EvidenceType.SOFTWARE, software.measurement(), software.reportData(),
                Optional.empty(), Set.of(), software.signerKeyId(), PRODUCT, false);
    }
}
