package io.cleave.broker.job;

import io.cleave.broker.attestation.AttestationService;
import jakarta.inject.Singleton;

/**
 * Which compute providers may take a job given its protection mode: an ENCLAVE job goes only to a
 * provider whose latest attestation verdict is valid and unexpired. Each data owner's memory
 * provider still decides for itself whether the workload passes its own policy.
 */
@Singleton
final class AttestedCompute {
    private final AttestationService attestation;

    AttestedCompute(AttestationService attestation) {
        this.attestation = attestation;
    }

    /** What a provider needs beyond free capacity, for a waiting job's reason; empty when nothing. */
    String requirement(String mode) {
        return "ENCLAVE".equals(mode) ? " with a valid, unexpired attestation" : "";
    }

    boolean mayRun(String mode, String providerId) {
        if (!"ENCLAVE".equals(mode)) {
            return true;
        }
        return attestation.isCurrentlyAttested(providerId);
    }
}
