package io.cleave.attestation.sevsnp;

import static io.cleave.attestation.sevsnp.ReportLayout.*;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Measurement;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A structurally valid SEV-SNP attestation report, versions 2 to 5. Parsing checks the version
 * first, then the length, the signature algorithm, the guest policy, the signer field and every
 * reserved range; it does not verify the signature ({@link SevSnpVerifier} does).
 *
 * <p>Version differences: 3 adds the CPUID family/model/stepping at 0x188; 5 adds the launch and
 * current mitigation vectors at 0x1F8 and 0x200. Version 4 keeps the version 3 fields; because
 * firmware revisions disagree on whether it already fills the mitigation-vector bytes, those 16
 * bytes are left unchecked (they are still covered by the signature). Immutable.
 */
public final class SevSnpReport {
    /** Size in bytes of every supported report version. */
    public static final int SIZE = ReportLayout.SIZE;
    static final int MIN_VERSION = 2;
    static final int MAX_VERSION = 5;

    private static final int SIGNING_KEY_NONE = 7;

    /** CPUID(1).EAX family, model and stepping as the report carries them (extended fields combined). */
    public record Cpuid(int family, int model, int stepping) {
    }

    private final byte[] bytes;
    private final GuestPolicy policy;
    private final EndorsementKeyKind signingKey;

    private SevSnpReport(byte[] bytes, GuestPolicy policy, EndorsementKeyKind signingKey) {
        this.bytes = bytes;
        this.policy = policy;
        this.signingKey = signingKey;
    }

    /** Parses a binary report; see {@link ReportInput#decode} for hex text. */
    public static SevSnpReport parse(byte[] report) throws AttestationException {
        Objects.requireNonNull(report, "report");
        byte[] b = report.clone();
        if (b.length < 4) {
            throw wrongLength(b.length);
        }
        int version = u32(b, VERSION);
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new AttestationException(Reason.UNSUPPORTED_VERSION, "report version " + Integer.toUnsignedString(version)
                    + " is not supported (supported: " + MIN_VERSION + " to " + MAX_VERSION + ")");
        }
        if (b.length != SIZE) {
            throw wrongLength(b.length);
        }
        int algorithm = u32(b, SIGNATURE_ALGO);
        if (algorithm != ECDSA_P384_SHA384) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE, "report signature algorithm "
                    + Integer.toUnsignedString(algorithm) + " is not ECDSA P-384 with SHA-384 (1)");
        }
        GuestPolicy policy = GuestPolicy.parse(u64(b, POLICY));
        EndorsementKeyKind signingKey = signingKey(u32(b, SIGNER_INFO));
        checkReservedRanges(b, version);
        SevSnpReport parsed = new SevSnpReport(b, policy, signingKey);
        parsed.checkMaskedChipId();
        return parsed;
    }

    private static AttestationException wrongLength(int length) {
        return new AttestationException(Reason.MALFORMED_EVIDENCE,
                "report is " + length + " bytes; an SEV-SNP attestation report is " + SIZE + " bytes");
    }

    /** SIGNER_INFO: bit 0 author key, bit 1 mask chip id, bits 2-4 signing key, bits 5-31 reserved. */
    private static EndorsementKeyKind signingKey(int signerInfo) throws AttestationException {
        if (signerInfo >>> 5 != 0) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    String.format("signer info 0x%08x sets reserved bits 5-31", signerInfo));
        }
        int key = (signerInfo >>> 2) & 7;
        return switch (key) {
            case 0 -> EndorsementKeyKind.VCEK;
            case 1 -> EndorsementKeyKind.VLEK;
            case SIGNING_KEY_NONE -> throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    "report is not signed (SIGNING_KEY is 7, none)");
            default -> throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    "report SIGNING_KEY " + key + " is reserved");
        };
    }

    private static void checkReservedRanges(byte[] b, int version) throws AttestationException {
        checkZero(b, SIGNER_INFO + 4, REPORT_DATA);
        checkZero(b, version >= 3 ? CPUID_FMS + 3 : CPUID_FMS, CHIP_ID);
        checkZero(b, CURRENT_VERSION + 3, CURRENT_VERSION + 4);
        checkZero(b, COMMITTED_VERSION + 3, COMMITTED_VERSION + 4);
        checkZero(b, version >= 4 ? CURRENT_MIT_VECTOR + 8 : LAUNCH_MIT_VECTOR, SIGNATURE);
        checkZero(b, SIGNATURE_END, SIZE);
    }

    private static void checkZero(byte[] b, int from, int to) throws AttestationException {
        int at = firstNonZero(b, from, to);
        if (at >= 0) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE, String.format(
                    "reserved report bytes 0x%03x..0x%03x must be zero; byte 0x%03x is 0x%02x", from, to - 1, at, b[at]));
        }
    }

    private void checkMaskedChipId() throws AttestationException {
        if (chipIdMasked() && firstNonZero(bytes, CHIP_ID, CHIP_ID + CHIP_ID_LENGTH) >= 0) {
            throw new AttestationException(Reason.MALFORMED_EVIDENCE,
                    "signer info masks the chip id but CHIP_ID is not zero");
        }
    }

    public int version() {
        return u32(bytes, VERSION);
    }

    public long guestSvn() {
        return u32(bytes, GUEST_SVN) & 0xFFFFFFFFL;
    }

    public GuestPolicy policy() {
        return policy;
    }

    public int vmpl() {
        return u32(bytes, VMPL);
    }

    public long platformInfo() {
        return u64(bytes, PLATFORM_INFO);
    }

    /** Which key type the report says signed it. */
    public EndorsementKeyKind signingKey() {
        return signingKey;
    }

    /** Whether the host masked CHIP_ID to zeros (MASK_CHIP_ID). */
    public boolean chipIdMasked() {
        return (u32(bytes, SIGNER_INFO) & 2) != 0;
    }

    public byte[] reportData() {
        return slice(REPORT_DATA, REPORT_DATA_LENGTH);
    }

    public Measurement measurement() {
        return Measurement.of(slice(MEASUREMENT, MEASUREMENT_LENGTH));
    }

    public byte[] hostData() {
        return slice(HOST_DATA, 32);
    }

    public byte[] familyId() {
        return slice(FAMILY_ID, 16);
    }

    public byte[] imageId() {
        return slice(IMAGE_ID, 16);
    }

    public byte[] idKeyDigest() {
        return slice(ID_KEY_DIGEST, 48);
    }

    public byte[] authorKeyDigest() {
        return slice(AUTHOR_KEY_DIGEST, 48);
    }

    public byte[] reportId() {
        return slice(REPORT_ID, 32);
    }

    public byte[] chipId() {
        return slice(CHIP_ID, CHIP_ID_LENGTH);
    }

    /** The TCB of the VCEK that signed the report, 8 raw bytes; decode with the product. */
    public byte[] reportedTcb() {
        return slice(REPORTED_TCB, TCB_LENGTH);
    }

    public byte[] currentTcb() {
        return slice(CURRENT_TCB, TCB_LENGTH);
    }

    public byte[] committedTcb() {
        return slice(COMMITTED_TCB, TCB_LENGTH);
    }

    public byte[] launchTcb() {
        return slice(LAUNCH_TCB, TCB_LENGTH);
    }

    /** Present from report version 3. */
    public Optional<Cpuid> cpuid() {
        if (version() < 3) {
            return Optional.empty();
        }
        return Optional.of(new Cpuid(bytes[CPUID_FMS] & 0xFF, bytes[CPUID_FMS + 1] & 0xFF, bytes[CPUID_FMS + 2] & 0xFF));
    }

    /** Present from report version 5. */
    public OptionalLong launchMitigationVector() {
        return version() >= 5 ? OptionalLong.of(u64(bytes, LAUNCH_MIT_VECTOR)) : OptionalLong.empty();
    }

    /** Present from report version 5. */
    public OptionalLong currentMitigationVector() {
        return version() >= 5 ? OptionalLong.of(u64(bytes, CURRENT_MIT_VECTOR)) : OptionalLong.empty();
    }

    /** The whole report as parsed. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Bytes [0, 0x2A0): what the signature covers. */
    byte[] signedRegion() {
        return slice(0, SIGNATURE);
    }

    /** R as a little-endian 72-byte integer. */
    byte[] signatureR() {
        return slice(SIGNATURE, SIGNATURE_COMPONENT);
    }

    /** S as a little-endian 72-byte integer. */
    byte[] signatureS() {
        return slice(SIGNATURE + SIGNATURE_COMPONENT, SIGNATURE_COMPONENT);
    }

    private byte[] slice(int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public String toString() {
        return "SevSnpReport[version=" + version() + ", signer=" + signingKey + ", measurement=" + measurement() + "]";
    }
}
