/**
 * Software evidence for development machines: a {@link io.cleave.attestation.software.SoftwareMeasurement}
 * and report data signed by the provider's key ({@link io.cleave.attestation.software.EvidenceSigningKey},
 * supplied by the caller). Claims from it are always {@code hardwareIsolated=false}.
 */
package io.cleave.attestation.software;
