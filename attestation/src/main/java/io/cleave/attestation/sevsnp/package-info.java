/**
 * AMD SEV-SNP evidence: {@link io.cleave.attestation.sevsnp.SevSnpReport} parses attestation
 * reports (versions 2–5, binary or hex via {@link io.cleave.attestation.sevsnp.ReportInput});
 * {@link io.cleave.attestation.sevsnp.SevSnpVerifier} verifies the report signature with the VCEK
 * or VLEK, the chain to AMD's ARK pinned per product (Milan, Genoa, Turin), certificate validity
 * at an injected clock, and the VCEK's TCB and hwID extensions against the report. It works
 * offline: the caller supplies the VCEK or VLEK; AMD's CA certificates ship as resources.
 */
package io.cleave.attestation.sevsnp;
