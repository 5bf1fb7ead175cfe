package io.cleave.attestation.sevsnp;

import io.cleave.attestation.TcbVersion;
import java.util.Locale;
import java.util.Optional;

/**
 * AMD EPYC products with SEV-SNP that this verifier knows: their pinned root, their TCB_VERSION
 * layout, their chip-id length and their CPUID family/model.
 *
 * <p>The ARK (AMD Root Key) fingerprints are SHA-256 over the DER certificates AMD publishes at
 * {@code https://kdsintf.amd.com/vcek/v1/<product>/cert_chain}; the same certificates ship in
 * go-sev-guest, virtee/sev and Trustee (see the resource PROVENANCE.txt).
 */
public enum SevSnpProduct {
    MILAN("Milan", "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd", false, 64),
    GENOA("Genoa", "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1", false, 64),
    TURIN("Turin", "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a", true, 8);

    private final String amdName;
    private final String arkSha256;
    private final boolean turinTcbLayout;
    private final int hwIdLength;

    SevSnpProduct(String amdName, String arkSha256, boolean turinTcbLayout, int hwIdLength) {
        this.amdName = amdName;
        this.arkSha256 = arkSha256;
        this.turinTcbLayout = turinTcbLayout;
        this.hwIdLength = hwIdLength;
    }

    /** The name AMD uses in certificates and KDS URLs: {@code Milan}, {@code Genoa}, {@code Turin}. */
    public String amdName() {
        return amdName;
    }

    /** Lower-case name, as the CLI takes it. */
    public String cliName() {
        return amdName.toLowerCase(Locale.ROOT);
    }

    /** Lower-case hex SHA-256 of the product's ARK certificate (DER). */
    public String arkSha256() {
        return arkSha256;
    }

    /** Length of the VCEK hwID extension and of the meaningful prefix of the report's CHIP_ID. */
    int hwIdLength() {
        return hwIdLength;
    }

    /** Whether the product's TCB_VERSION has an FMC component (Turin layout). */
    boolean hasFmc() {
        return turinTcbLayout;
    }

    /** Parses {@code milan}, {@code Genoa}, {@code TURIN}, … */
    public static Optional<SevSnpProduct> fromName(String name) {
        for (SevSnpProduct p : values()) {
            if (p.amdName.equalsIgnoreCase(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes an 8-byte little-endian TCB_VERSION. Milan and Genoa: bootloader, tee, 4 reserved,
     * snp, microcode. Turin: fmc, bootloader, tee, snp, 3 reserved, microcode.
     */
    public TcbVersion decodeTcb(byte[] tcb) {
        if (tcb.length != ReportLayout.TCB_LENGTH) {
            throw new IllegalArgumentException("a TCB_VERSION is 8 bytes, got " + tcb.length);
        }
        int b0 = tcb[0] & 0xFF;
        int b1 = tcb[1] & 0xFF;
        int b2 = tcb[2] & 0xFF;
        int b3 = tcb[3] & 0xFF;
        int microcode = tcb[7] & 0xFF;
        if (turinTcbLayout) {
            return new TcbVersion(b1, b2, b3, microcode, b0);
        }
        return TcbVersion.of(b0, b1, tcb[6] & 0xFF, microcode);
    }

    /** Whether the bytes this product's layout reserves are zero. */
    boolean tcbReservedBytesZero(byte[] tcb) {
        int from = turinTcbLayout ? 4 : 2;
        int to = turinTcbLayout ? 7 : 6;
        for (int i = from; i < to; i++) {
            if (tcb[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a report's CPUID family and model (report version 3 and later) name this product.
     * Families and models from AMD's processor programming references: Milan 19h models 00h–0Fh,
     * Genoa 19h models 10h–1Fh and A0h–AFh, Turin 1Ah models 00h–11h.
     */
    boolean matchesCpuid(int family, int model) {
        return switch (this) {
            case MILAN -> family == 0x19 && model <= 0x0F;
            case GENOA -> family == 0x19 && (model >= 0x10 && model <= 0x1F || model >= 0xA0 && model <= 0xAF);
            case TURIN -> family == 0x1A && model <= 0x11;
        };
    }
}
