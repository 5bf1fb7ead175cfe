package io.cleave.broker.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Audit record ids as RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then 74 random
 * bits. An id issued later sorts later, so the unique indexes on {@code audit_log.id} and
 * {@code audit_leaves.audit_id} grow at their right edge instead of taking each insert to a
 * random page: H2 rewrites far fewer pages per store and PostgreSQL keeps the hot pages cached.
 * The random bits keep ids unique across brokers and restarts. Ids are not secrets (reading a
 * record is checked by role), and the millisecond they reveal is the record's occurred_at.
 * Thread-safe.
 */
final class TimeOrderedIds {
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;
    private static final long LOW_62_BITS = 0x3FFF_FFFF_FFFF_FFFFL;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        long mostSignificant = (clock.millis() << 16) | VERSION_7 | random.nextInt(1 << 12);
        long leastSignificant = VARIANT_RFC | (random.nextLong() & LOW_62_BITS);
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
