package io.cleave.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.training.ModelKind;
import io.cleave.training.SgdParameters;
import io.cleave.training.TrainingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputePartyStateTest {
    private static final SecureJobSpec SPEC = new SecureJobSpec(ModelKind.LINEAR, new SgdParameters(1, 4, 0.1, 0),
            FixedPoint.DEFAULT, 2, List.of(8), false);

    @Test
    void train_beforeMaskOpened_rejectedWithCallOrder() {
        Map<Participant, Transport> net = InMemoryNetwork.connect(SPEC.participants(), Duration.ofMillis(50));
        ComputeParty party = new ComputeParty(0, SPEC, net.get(Participant.PARTY_0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> party.train(TrainingListener.NONE));
        assertEquals("party 0: train() needs state INPUTS_RECEIVED, found NEW", e.getMessage());
    }

    @Test
    void failedPhase_leavesPartyFailedForGood() {
        Map<Participant, Transport> net = InMemoryNetwork.connect(SPEC.participants(), Duration.ofMillis(50));
        ComputeParty party = new ComputeParty(1, SPEC, net.get(Participant.PARTY_1));
        TransportException timeout = assertThrows(TransportException.class, party::receiveInputs);
        assertEquals("party-1: no frame from dealer within PT0.05S", timeout.getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class, party::receiveInputs);
        assertEquals("party 1: receiveInputs() needs state NEW, found FAILED", e.getMessage());
    }
}
