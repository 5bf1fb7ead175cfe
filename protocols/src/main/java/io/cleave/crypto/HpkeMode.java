package io.cleave.crypto;

/**
 * RFC 9180 modes offered by Cleave. {@code AUTH} additionally proves to the recipient that the
 * sender held a specific HPKE private key. PSK modes are not offered: Cleave has no pre-shared keys.
 */
public enum HpkeMode {
    BASE(0x00),
    AUTH(0x02);

    private final int id;

    HpkeMode(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
