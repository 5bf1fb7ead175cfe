package io.cleave.attestation.sevsnp;

/**
 * Byte offsets of the SEV-SNP ATTESTATION_REPORT structure (AMD SEV-SNP ABI specification
 * 56860, Table "ATTESTATION_REPORT Structure"; cross-checked against go-sev-guest abi/abi.go and
 * virtee/sev src/firmware/guest/types/snp.rs). All integers are little-endian.
 */
final class ReportLayout {
    static final int SIZE = 0x4A0;
    static final int VERSION = 0x00;
    static final int GUEST_SVN = 0x04;
    static final int POLICY = 0x08;
    static final int FAMILY_ID = 0x10;
    static final int IMAGE_ID = 0x20;
    static final int VMPL = 0x30;
    static final int SIGNATURE_ALGO = 0x34;
    static final int CURRENT_TCB = 0x38;
    static final int PLATFORM_INFO = 0x40;
    static final int SIGNER_INFO = 0x48;
    static final int REPORT_DATA = 0x50;
    static final int MEASUREMENT = 0x90;
    static final int HOST_DATA = 0xC0;
    static final int ID_KEY_DIGEST = 0xE0;
    static final int AUTHOR_KEY_DIGEST = 0x110;
    static final int REPORT_ID = 0x140;
    static final int REPORT_ID_MA = 0x160;
    static final int REPORTED_TCB = 0x180;
    /** Version 3 and later: CPUID family, model, stepping, one byte each. */
    static final int CPUID_FMS = 0x188;
    static final int CHIP_ID = 0x1A0;
    static final int COMMITTED_TCB = 0x1E0;
    static final int CURRENT_VERSION = 0x1E8;
    static final int COMMITTED_VERSION = 0x1EC;
    static final int LAUNCH_TCB = 0x1F0;
    /** Version 5 and later: launch and current mitigation vectors, 8 bytes each. */
    static final int LAUNCH_MIT_VECTOR = 0x1F8;
    static final int CURRENT_MIT_VECTOR = 0x200;
    /** The signature covers bytes [0, SIGNATURE). */
    static final int SIGNATURE = 0x2A0;
    /** ECDSA P-384 R and S: 72-byte little-endian integers at SIGNATURE and SIGNATURE + 72. */
    static final int SIGNATURE_COMPONENT = 72;
    static final int SIGNATURE_END = SIGNATURE + 2 * SIGNATURE_COMPONENT;

    static final int TCB_LENGTH = 8;
    static final int CHIP_ID_LENGTH = 64;
    static final int REPORT_DATA_LENGTH = 64;
    static final int MEASUREMENT_LENGTH = 48;

    /** SIGNATURE_ALGO value for ECDSA P-384 with SHA-384. */
    static final int ECDSA_P384_SHA384 = 1;

    private ReportLayout() {
    }

    static int u32(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16
                | (b[offset + 3] & 0xFF) << 24;
    }

    static long u64(byte[] b, int offset) {
        return (u32(b, offset) & 0xFFFFFFFFL) | (long) u32(b, offset + 4) << 32;
    }

    /** The first non-zero index in [from, to), or -1. */
    static int firstNonZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
