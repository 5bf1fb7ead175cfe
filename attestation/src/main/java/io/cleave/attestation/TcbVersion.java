package io.cleave.attestation;

/**
 * Security patch levels of the firmware and microcode that a hardware-attested workload ran on
 * (the AMD TCB_VERSION). Each component is an unsigned byte. {@code fmc} (firmware-managed code)
 * exists only on Turin and later and is 0 elsewhere.
 */
public record TcbVersion(int bootloader, int tee, int snp, int microcode, int fmc) {
    /** No floor: every TCB is at least this. */
    public static final TcbVersion ZERO = new TcbVersion(0, 0, 0, 0, 0);

    public TcbVersion {
        checkComponent("bootloader", bootloader);
        checkComponent("tee", tee);
        checkComponent("snp", snp);
        checkComponent("microcode", microcode);
        checkComponent("fmc", fmc);
    }

    /** A TCB of a product without an FMC component (Milan, Genoa). */
    public static TcbVersion of(int bootloader, int tee, int snp, int microcode) {
        return new TcbVersion(bootloader, tee, snp, microcode, 0);
    }

    /**
     * True when every component is at least the minimum's. TCB components are independent patch
     * levels, so one higher component never makes up for a lower one.
     */
    public boolean isAtLeast(TcbVersion minimum) {
        return bootloader >= minimum.bootloader
                && tee >= minimum.tee
                && snp >= minimum.snp
                && microcode >= minimum.microcode
                && fmc >= minimum.fmc;
    }

    private static void checkComponent(String name, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("TCB " + name + " must be in 0..255, got " + value);
        }
    }

    @Override
    public String toString() {
        return "bootloader=" + bootloader + " tee=" + tee + " snp=" + snp + " microcode=" + microcode
                + " fmc=" + fmc;
    }
}
