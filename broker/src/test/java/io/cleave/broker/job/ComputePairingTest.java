package io.cleave.broker.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.broker.persistence.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComputePairingTest {
    private static Provider provider(String name, String organisationId) {
        Instant now = Instant.EPOCH;
        return new Provider(name + "-id", organisationId, name, "COMPUTE", 2, 1 << 30, 2, 1 << 30, "", now, now);
    }

    @Test
    void refusal_bothPartiesOfOneOrganisation_refused() {
        assertEquals(Optional.of("refusing compute providers 'b1' and 'b2': both belong to one organisation, and the "
                + "two parties must not collude"), ComputePairing.refusal(List.of(provider("b1", "org-b"),
                provider("b2", "org-b"))));
    }

    @Test
    void refusal_twoOrganisations_accepted() {
        assertEquals(Optional.empty(), ComputePairing.refusal(List.of(provider("b1", "org-b"), provider("c1", "org-c"))));
    }
}
