package io.cleave.attestation;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 48-byte launch measurement (SHA-384 sized): the SEV-SNP MEASUREMENT field or a software
 * measurement. Compared by content; the bytes are copied in and out.
 */
public final class Measurement {
    /** Length in bytes of every measurement Cleave handles. */
    public static final int LENGTH = 48;

    private final byte[] bytes;

    private Measurement(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Measurement of(byte[] bytes) {
        Objects.requireNonNull(bytes, "measurement");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "measurement must be " + LENGTH + " bytes (SHA-384 sized), got " + bytes.length);
        }
        return new Measurement(bytes.clone());
    }

    /** Parses 96 hex digits, either case. */
    public static Measurement ofHex(String hex) {
        Objects.requireNonNull(hex, "measurement hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException(
                    "measurement hex must be " + 2 * LENGTH + " digits, got " + hex.length());
        }
        return new Measurement(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, 96 digits. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Measurement other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
