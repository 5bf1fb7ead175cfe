package io.cleave.broker.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
    private static final Instant T = Instant.parse("2026-11-27T21:30:00.123Z");

    @Test
    void next_anyTime_isVersion7RfcVariantCarryingTheMillisecond() {
        UUID id = UUID.fromString(new TimeOrderedIds(Clock.fixed(T, ZoneOffset.UTC)).next());
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(T.toEpochMilli(), id.getMostSignificantBits() >>> 16);
    }

    @Test
    void next_laterMillisecond_sortsLaterAsText() {
        String earlier = new TimeOrderedIds(Clock.fixed(T, ZoneOffset.UTC)).next();
        String later = new TimeOrderedIds(Clock.fixed(T.plusMillis(1), ZoneOffset.UTC)).next();
        assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
    }

    @Test
    void next_sameMillisecond_differs() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(T, ZoneOffset.UTC));
        assertNotEquals(ids.next(), ids.next());
    }
}
