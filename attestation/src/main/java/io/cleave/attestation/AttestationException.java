package io.cleave.attestation;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Evidence was refused: it could not be parsed, its signatures or certificates do not verify, or
 * it does not satisfy an appraisal policy. {@link #reason()} says which rule failed; the message
 * says what was wrong in words a reader can act on.
 *
 * <p>The message may name fields and values of the evidence (versions, TCB components, certificate
 * names). It never contains key material. Map it to a peer-facing status once, at the edge.
 */
public final class AttestationException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** The rule that failed, stable for callers that branch on it or show it. */
    public enum Reason {
        /** The evidence bytes cannot be parsed (length, encoding, reserved fields). */
        MALFORMED_EVIDENCE,
        /** The evidence declares a format version this verifier does not know. */
        UNSUPPORTED_VERSION,
        /** A certificate cannot be parsed or is not a well-formed AMD certificate. */
        MALFORMED_CERTIFICATE,
        /** A certificate needed to verify the evidence was not given. */
        MISSING_CERTIFICATE,
        /** The root certificate is not the pinned trust anchor. */
        UNTRUSTED_ROOT,
        /** A certificate is not signed by its issuer. */
        CERTIFICATE_SIGNATURE_INVALID,
        /** A certificate is expired or not yet valid at the verification instant. */
        CERTIFICATE_NOT_VALID_AT_TIME,
        /** Report, certificates or caller disagree on the processor product. */
        WRONG_PRODUCT,
        /** The report names a different signing key type than the certificate given. */
        SIGNER_MISMATCH,
        /** The endorsement certificate's TCB differs from the TCB the report says signed it. */
        TCB_MISMATCH,
        /** The endorsement certificate belongs to another chip than the report. */
        CHIP_ID_MISMATCH,
        /** The signature over the evidence does not verify with the endorsement key. */
        EVIDENCE_SIGNATURE_INVALID,
        /** The signing key named by software evidence is not one the verifier trusts. */
        UNKNOWN_SIGNING_KEY,
        /** A verifier was handed evidence of a type it does not verify. */
        UNSUPPORTED_EVIDENCE_TYPE,
        /** Appraisal: the policy does not allow this evidence type. */
        EVIDENCE_TYPE_NOT_ALLOWED,
        /** Appraisal: evidence without hardware isolation and the policy does not allow it. */
        SOFTWARE_EVIDENCE_NOT_ALLOWED,
        /** Appraisal: the measurement is not one of the policy's reference measurements. */
        MEASUREMENT_NOT_ALLOWED,
        /** Appraisal: the workload runs with debugging enabled and the policy forbids it. */
        DEBUG_ENABLED,
        /** Appraisal: the TCB is below the policy's minimum. */
        TCB_TOO_LOW,
        /** Appraisal: the report data does not bind the expected workload key. */
        REPORT_DATA_MISMATCH,
        /** An attestation result cannot be parsed or lacks a required claim. */
        MALFORMED_RESULT,
        /** An attestation result's signature does not verify with the issuer's key. */
        RESULT_SIGNATURE_INVALID,
        /** An attestation result has expired (or is not yet valid) at the verification instant. */
        RESULT_EXPIRED,
        /** An attestation result was issued for another provider or job than the one presenting it. */
        RESULT_SUBJECT_MISMATCH
    }

    private final Reason reason;

    public AttestationException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AttestationException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "AttestationException[" + reason + "]: " + getMessage();
    }
}
