package io.cleave.mpc;

/**
 * A participant of one secret-shared job: compute party 0 or 1, the dealer, or an input party
 * (data owner). Names are public metadata that the transport routes by.
 *
 * @param name 1..64 characters of {@code [a-z0-9-]}
 */
public record Participant(String name) {
    public static final Participant PARTY_0 = new Participant("party-0");
    public static final Participant PARTY_1 = new Participant("party-1");
    public static final Participant DEALER = new Participant("dealer");

    public Participant {
        if (name == null || !name.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("participant name must be 1..64 characters of [a-z0-9-], found " + name);
        }
    }

    /** The compute party with index 0 or 1. */
    public static Participant party(int index) {
        return switch (index) {
            case 0 -> PARTY_0;
            case 1 -> PARTY_1;
            default -> throw new IllegalArgumentException("compute party index must be 0 or 1, found " + index);
        };
    }

    /** The i-th input party (0-based) of a job. */
    public static Participant inputParty(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("input party index must be >= 0, found " + index);
        }
        return new Participant("input-" + index);
    }
}
