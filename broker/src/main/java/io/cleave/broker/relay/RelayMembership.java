package io.cleave.broker.relay;

import io.cleave.attestation.pki.ProviderIdentity;
import io.micronaut.core.annotation.Nullable;

/** Who may join a job's relay as which participant: the job's own assignment decides. */
@FunctionalInterface
public interface RelayMembership {
    /**
     * @param caller the validated certificate of the caller; null only on the insecure plaintext control plane
     * @throws RelayRefused saying why the caller is not that participant of that job
     */
    void requireParticipant(String jobId, String participant, @Nullable ProviderIdentity caller);
}
