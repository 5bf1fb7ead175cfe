package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.PolicyFlag;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The guest owner's launch policy (GUEST_POLICY, 64 bits): ABI version floor and the flags of
 * {@link PolicyFlag}. Bit 17 is reserved and must be 1; bits 26–63 must be 0.
 */
public final class GuestPolicy {
    private static final int RESERVED_ONE_BIT = 17;
    private static final int FIRST_UNDEFINED_BIT = 26;
    private static final Map<PolicyFlag, Integer> BITS = Map.of(
            PolicyFlag.SMT_ALLOWED, 16,
            PolicyFlag.MIGRATE_MA_ALLOWED, 18,
            PolicyFlag.DEBUG, 19,
            PolicyFlag.SINGLE_SOCKET_REQUIRED, 20,
            PolicyFlag.CXL_ALLOWED, 21,
            PolicyFlag.MEM_AES_256_XTS_REQUIRED, 22,
            PolicyFlag.RAPL_DISABLED_REQUIRED, 23,
            PolicyFlag.CIPHERTEXT_HIDING_DRAM_REQUIRED, 24,
            PolicyFlag.PAGE_SWAP_DISABLED, 25);

    private final long raw;

    private GuestPolicy(long raw) {
        this.raw = raw;
    }

    /** Validates the reserved bits; an unknown bit could be a permission this verifier cannot judge. */
    static GuestPolicy parse(long raw) throws AttestationException {
        if ((raw & (1L << RESERVED_ONE_BIT)) == 0) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    String.format("guest policy 0x%016x has reserved bit 17 clear; it must be 1", raw));
        }
        if (raw >>> FIRST_UNDEFINED_BIT != 0) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    String.format("guest policy 0x%016x sets undefined bits 26-63", raw));
        }
        return new GuestPolicy(raw);
    }

    /** The 64-bit policy as the report holds it. */
    public long raw() {
        return raw;
    }

    public int abiMinor() {
        return (int) (raw & 0xFF);
    }

    public int abiMajor() {
        return (int) ((raw >>> 8) & 0xFF);
    }

    public Set<PolicyFlag> flags() {
        EnumSet<PolicyFlag> set = EnumSet.noneOf(PolicyFlag.class);
        BITS.forEach((flag, bit) -> {
            if ((raw & (1L << bit)) != 0) {
                set.add(flag);
            }
        });
        return set;
    }

    public boolean debug() {
        return flags().contains(PolicyFlag.DEBUG);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuestPolicy other && raw == other.raw;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(raw);
    }

    @Override
    public String toString() {
        return String.format("GuestPolicy[0x%016x %s]", raw, flags());
    }
}
