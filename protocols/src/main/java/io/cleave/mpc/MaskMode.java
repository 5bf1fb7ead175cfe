package io.cleave.mpc;

/** How the compute parties come to hold the public {@code E = X − A} and shares of A. */
public enum MaskMode {
    /**
     * SecureML with seed-compressed input sharing: each data owner shares X with party 1's share
     * being party 1's own data-mask share {@code A₁} (the dealer gives the owner that one seed) and
     * party 0's {@code X − A₁}; party 0 then opens {@code E = X − A} to party 1 in one one-way round
     * (party 1's half is zero). The data owner learns party 1's mask share of its own rows, half of
     * what a client-aided owner learns.
     */
    OPENED_BY_PARTIES,
    /**
     * DESIGN §4.1's client-aided variant: the dealer gives each data owner the two seeds of the
     * mask of its own rows; the owner sends {@code E = X − A} to both parties itself. No separate
     * input sharing of X and no opening round. The data owner learns only the mask of its own
     * data; it must not collude with a compute party (with party j it could not learn more than
     * party j's view plus its own data, but it must not hand its mask seeds to anyone).
     */
    CLIENT_AIDED
}
