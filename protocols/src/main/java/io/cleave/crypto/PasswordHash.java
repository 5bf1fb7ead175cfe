package io.cleave.crypto;

import io.cleave.crypto.internal.Argon2id;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashing with Argon2id (RFC 9106) at OWASP's recommended cost (19 MiB, 2 passes, 1 lane),
 * stored as a PHC string {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag>} (base64 without
 * padding), so that the cost can be raised later without breaking stored hashes. Thread-safe.
 */
public final class PasswordHash {
    /** The cost of new hashes: OWASP Password Storage Cheat Sheet, Argon2id first option. */
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 32;
    /** Bounds on the cost read back from a stored hash, so a planted hash cannot exhaust the broker. */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 16;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A fresh salted hash of {@code password}. The caller should clear the array afterwards. */
    public static String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] tag = Argon2id.derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, TAG_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    /**
     * Checks {@code password} against a stored {@link #hash} result in constant time.
     *
     * @throws GeneralSecurityException "password does not match", or "malformed password hash"
     *     when {@code encoded} is not a PHC Argon2id string within the accepted cost bounds
     */
    public static void verify(char[] password, String encoded) throws GeneralSecurityException {
        Objects.requireNonNull(password, "password");
        Matcher m = PHC.matcher(Objects.requireNonNull(encoded, "encoded"));
        if (!m.matches()) {
            throw new GeneralSecurityException("malformed password hash");
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS || parallelism < 1
                || memory < 8 * parallelism) {
            throw new GeneralSecurityException("malformed password hash");
        }
        byte[] salt = canonical(m.group(4));
        byte[] expected = canonical(m.group(5));
        byte[] actual = Argon2id.derive(password, salt, memory, iterations, parallelism, expected.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new GeneralSecurityException("password does not match");
        }
    }

    /** Decodes base64 whose unused low bits are zero: one stored hash has exactly one spelling. */
    private static byte[] canonical(String text) throws GeneralSecurityException {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!B64.encodeToString(bytes).equals(text)) {
            throw new GeneralSecurityException("malformed password hash");
        }
        return bytes;
    }
}
