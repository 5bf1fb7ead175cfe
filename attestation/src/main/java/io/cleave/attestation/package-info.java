/**
 * Attestation evidence and its appraisal. A workload presents {@link io.cleave.attestation.Evidence};
 * an {@link io.cleave.attestation.EvidenceVerifier} checks that it is authentic and returns
 * {@link io.cleave.attestation.VerifiedClaims}; a relying party's
 * {@link io.cleave.attestation.AppraisalPolicy} decides whether those claims are acceptable and
 * whether the report data binds the workload key it is about to release data to
 * ({@link io.cleave.attestation.ReportDataBinding}). Every refusal is an
 * {@link io.cleave.attestation.AttestationException} with a reason code.
 *
 * <p>Verifiers: {@code sevsnp} (AMD SEV-SNP, hardware isolation) and {@code software}
 * (development machines, no hardware isolation; a policy must allow it explicitly).
 */
package io.cleave.attestation;
