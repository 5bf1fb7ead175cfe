package io.cleave.broker.job;

import io.cleave.broker.persistence.Provider;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's rule for the two compute parties of a secret-shared job (DESIGN.md §3): they
 * must be two providers of two different organisations, since the protocol is private only while
 * the parties do not collude.
 */
final class ComputePairing {
    private ComputePairing() {
    }

    /** Why the pair is refused; empty if it may run the job. */
    static Optional<String> refusal(List<Provider> parties) {
        if (parties.size() != 2) {
            return Optional.of("a SECRET_SHARED job needs exactly two compute parties, found " + parties.size());
        }
        if (parties.get(0).organisationId().equals(parties.get(1).organisationId())) {
            return Optional.of("refusing compute providers '" + parties.get(0).name() + "' and '" + parties.get(1).name()
                    + "': both belong to one organisation, and the two parties must not collude");
        }
        return Optional.empty();
    }
}
