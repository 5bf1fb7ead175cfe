package io.cleave.broker.attestation;

import io.cleave.broker.config.AttestationConfig;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's outstanding attestation nonces: 32 random bytes, issued to one provider, accepted
 * once and only before they expire, so that recorded evidence cannot be replayed. Held in memory:
 * a broker restart only makes providers ask again. Thread-safe.
 */
@Singleton
final class ChallengeBook {
    static final int NONCE_BYTES = 32;
    /** Bounds the memory one provider can make the broker spend on nonces it never uses. */
    private static final int MAX_OUTSTANDING_PER_PROVIDER = 16;
    private final Map<String, Map<String, Instant>> outstanding = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AttestationConfig config;
    private final Clock clock;

    ChallengeBook(AttestationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    Challenge issue(String providerId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.nonceLifetime());
        Map<String, Instant> nonces = outstanding.computeIfAbsent(providerId, id -> new ConcurrentHashMap<>());
        nonces.values().removeIf(expiry -> expiry.isBefore(now));
        if (nonces.size() >= MAX_OUTSTANDING_PER_PROVIDER) {
            throw new IllegalStateException("provider " + providerId + " has " + nonces.size()
                    + " unused attestation nonces; use one before asking for more");
        }
        nonces.put(HexFormat.of().formatHex(nonce), expiresAt);
        return new Challenge(nonce, expiresAt);
    }

    /** Consumes the nonce; false when it was never issued to this provider, was used, or expired. */
    boolean redeem(String providerId, byte[] nonce) {
        Map<String, Instant> nonces = outstanding.get(providerId);
        if (nonces == null) {
            return false;
        }
        Instant expiry = nonces.remove(HexFormat.of().formatHex(nonce));
        return expiry != null && !expiry.isBefore(clock.instant());
    }
}
