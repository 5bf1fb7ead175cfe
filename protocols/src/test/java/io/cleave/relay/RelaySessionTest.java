package io.cleave.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.channel.ChannelBinding;
import org.junit.jupiter.api.Test;

class RelaySessionTest {
    private static final String JOB = "0b9c1e2a-5d6f-4a1b-9c3d-7e8f9a0b1c2d";

    @Test
    void id_firstAttemptIsTheJobId_laterOnesNameTheAttempt_andParseBack() {
        assertEquals(JOB, RelaySession.of(JOB, 0).id(), "an assignment without the field is the first attempt");
        assertEquals(JOB, new RelaySession(JOB, 1).id());
        assertEquals(JOB + ":attempt-3", new RelaySession(JOB, 3).id());
        assertEquals(new RelaySession(JOB, 3), RelaySession.parse(JOB + ":attempt-3"));
        assertEquals(new RelaySession(JOB, 1), RelaySession.parse(JOB));
        assertNotEquals(new ChannelBinding(new RelaySession(JOB, 1).id(), "party-0", "party-1"),
                new ChannelBinding(new RelaySession(JOB, 2).id(), "party-0", "party-1"),
                "each attempt's sealed channels are bound to its own session");
    }

    @Test
    void badSessions_refusedWithReason() {
        assertEquals("attempts count from 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> new RelaySession(JOB, 0)).getMessage());
        assertEquals("relay session '" + JOB + ":attempt-x' names no attempt number",
                assertThrows(IllegalArgumentException.class, () -> RelaySession.parse(JOB + ":attempt-x")).getMessage());
        assertEquals("a relay session needs a job id without ':attempt-', found 'a:attempt-1'",
                assertThrows(IllegalArgumentException.class, () -> new RelaySession("a:attempt-1", 2)).getMessage());
        for (String other : new String[] {JOB + ":attempt-1", JOB + ":attempt-02"}) {
            String canonical = other.endsWith("-1") ? JOB : JOB + ":attempt-2";
            assertEquals("relay session '" + other + "' is not written as '" + canonical + "'",
                    assertThrows(IllegalArgumentException.class, () -> RelaySession.parse(other)).getMessage());
        }
    }
}
