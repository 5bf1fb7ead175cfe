package io.cleave.attestation.sevsnp;

import static io.cleave.attestation.sevsnp.Rejections.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.PolicyFlag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SevSnpReportTest {

    /** Expected values as Trustee's own verifier tests state them for this file. */
    @Test
    void parse_trusteeReport_givesTheFieldsTrusteeAsserts() throws Exception {
        SevSnpReport report = SevSnpReport.parse(Vectors.bytes(Vectors.TRUSTEE_REPORT));
        assertEquals(2, report.version());
        assertEquals(4, report.guestSvn());
        assertEquals(0, report.vmpl());
        assertEquals(31, report.policy().abiMinor());
        assertEquals(0, report.policy().abiMajor());
        assertEquals(Set.of(PolicyFlag.SMT_ALLOWED), report.policy().flags());
        assertEquals(EndorsementKeyKind.VCEK, report.signingKey());
        assertEquals(Optional.empty(), report.cpuid());
    }

    @Test
    void parse_vlekReport_isVersion3WithMilanCpuid() throws Exception {
        SevSnpReport report = SevSnpReport.parse(Vectors.bytes(Vectors.TRUSTEE_VLEK_REPORT));
        assertEquals(3, report.version());
        assertEquals(EndorsementKeyKind.VLEK, report.signingKey());
        assertEquals(Optional.of(new SevSnpReport.Cpuid(0x19, 0x01, 0x01)), report.cpuid());
        assertTrue(report.launchMitigationVector().isEmpty());
    }

    @Test
    void parse_goSevGuestReport_hasDebugAllowed() throws Exception {
        assertTrue(SevSnpReport.parse(Vectors.bytes(Vectors.GO_REPORT)).policy().debug());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5})
    void parse_laterVersions_acceptMitigationVectorBytes(int version) throws Exception {
        byte[] bytes = Vectors.bytes(Vectors.TRUSTEE_VLEK_REPORT);
        bytes[0] = (byte) version;
        bytes[ReportLayout.LAUNCH_MIT_VECTOR] = 0x05;
        bytes[ReportLayout.CURRENT_MIT_VECTOR + 1] = 0x01;
        SevSnpReport report = SevSnpReport.parse(bytes);
        assertEquals(version, report.version());
        if (version == 5) {
            assertEquals(0x05, report.launchMitigationVector().getAsLong());
            assertEquals(0x0100, report.currentMitigationVector().getAsLong());
        } else {
            assertTrue(report.currentMitigationVector().isEmpty());
        }
    }

    @Test
    void parse_version3WithMitigationVectorBytes_refusedAsReserved() {
        byte[] bytes = Vectors.bytes(Vectors.TRUSTEE_VLEK_REPORT);
        bytes[ReportLayout.CURRENT_MIT_VECTOR] = 0x01;
        assertRefused(Reason.MALFORMED_EVIDENCE,
                "reserved report bytes 0x1f8..0x29f must be zero; byte 0x200 is 0x01", () -> SevSnpReport.parse(bytes));
    }

    @Test
    void decode_hexTextInAnyCaseAndLayout_equalsTheBinary() throws Exception {
        byte[] hex = Vectors.bytes(Vectors.VIRTEE_REPORT_HEX);
        byte[] binary = ReportInput.decode(hex);
        assertEquals(SevSnpReport.SIZE, binary.length);
        String text = new String(hex, StandardCharsets.US_ASCII).strip();
        String reflowed = text.toLowerCase(Locale.ROOT).replaceAll("(.{64})", "$1\n") + "\n";
        assertArrayEquals(binary, ReportInput.decode(reflowed.getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(binary, ReportInput.decode(binary), "binary input passes through");
        assertEquals(2, SevSnpReport.parse(binary).version());
    }

    @Test
    void decode_oddNumberOfHexDigits_refused() {
        assertRefused(Reason.MALFORMED_EVIDENCE, "hex report text has an odd number of hex digits",
                () -> ReportInput.decode("02000\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void parse_everyTruncationAndAnExtraByte_refusedWithTheLength() throws Exception {
        byte[] report = Vectors.bytes(Vectors.TRUSTEE_REPORT);
        List<String> wrong = new ArrayList<>();
        for (int length = 0; length <= SevSnpReport.SIZE + 1; length++) {
            if (length == SevSnpReport.SIZE) {
                continue;
            }
            byte[] cut = Arrays.copyOf(report, length);
            String expected = "report is " + length + " bytes; an SEV-SNP attestation report is 1184 bytes";
            try {
                SevSnpReport.parse(cut);
                wrong.add(length + ": accepted");
            } catch (AttestationException e) {
                if (e.reason() != Reason.MALFORMED_EVIDENCE || !e.getMessage().equals(expected)) {
                    wrong.add(length + ": " + e);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "wrong refusals: " + wrong);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 6, 0xFFFFFFFFL})
    void parse_unknownVersion_refusedBeforeTheLength(long version) {
        byte[] bytes = Arrays.copyOf(Vectors.bytes(Vectors.TRUSTEE_REPORT), 100);
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (version >>> (8 * i));
        }
        assertRefused(Reason.UNSUPPORTED_VERSION,
                "report version " + version + " is not supported (supported: 2 to 5)", () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_otherSignatureAlgorithm_refused() {
        byte[] bytes = withByte(ReportLayout.SIGNATURE_ALGO, 2);
        assertRefused(Reason.MALFORMED_EVIDENCE, "report signature algorithm 2 is not ECDSA P-384 with SHA-384 (1)",
                () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_policyWithoutItsReservedOneBit_refused() {
        byte[] bytes = withByte(ReportLayout.POLICY + 2, 0x01);
        assertRefused(Reason.MALFORMED_EVIDENCE, "guest policy 0x000000000001001f has reserved bit 17 clear; it must be 1",
                () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_policyWithAnUndefinedBit_refused() {
        byte[] bytes = withByte(ReportLayout.POLICY + 3, 0x04);
        assertRefused(Reason.MALFORMED_EVIDENCE, "guest policy 0x000000000403001f sets undefined bits 26-63",
                () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_unsignedReport_refused() {
        byte[] bytes = withByte(ReportLayout.SIGNER_INFO, 7 << 2);
        assertRefused(Reason.MALFORMED_EVIDENCE, "report is not signed (SIGNING_KEY is 7, none)",
                () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_reservedSigningKey_refused() {
        byte[] bytes = withByte(ReportLayout.SIGNER_INFO, 3 << 2);
        assertRefused(Reason.MALFORMED_EVIDENCE, "report SIGNING_KEY 3 is reserved", () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_signerInfoReservedBits_refused() {
        byte[] bytes = withByte(ReportLayout.SIGNER_INFO, 0x20);
        assertRefused(Reason.MALFORMED_EVIDENCE, "signer info 0x00000020 sets reserved bits 5-31",
                () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_nonZeroReservedByte_refusedWithItsOffset() {
        byte[] bytes = withByte(0x1F9, 0x5A);
        assertRefused(Reason.MALFORMED_EVIDENCE,
                "reserved report bytes 0x1f8..0x29f must be zero; byte 0x1f9 is 0x5a", () -> SevSnpReport.parse(bytes));
    }

    @Test
    void parse_maskedChipIdThatIsNotZero_refused() {
        byte[] bytes = withByte(ReportLayout.SIGNER_INFO, 2);
        assertRefused(Reason.MALFORMED_EVIDENCE, "signer info masks the chip id but CHIP_ID is not zero",
                () -> SevSnpReport.parse(bytes));
    }

    @Test
    void accessors_returnCopies() throws Exception {
        SevSnpReport report = SevSnpReport.parse(Vectors.bytes(Vectors.TRUSTEE_REPORT));
        report.reportData()[0] ^= 1;
        report.bytes()[0] ^= 1;
        assertArrayEquals(Arrays.copyOfRange(Vectors.bytes(Vectors.TRUSTEE_REPORT), 0x50, 0x90), report.reportData());
        assertFalse(report.chipIdMasked());
    }

    private static byte[] withByte(int offset, int value) {
        byte[] bytes = Vectors.bytes(Vectors.TRUSTEE_REPORT);
        bytes[offset] = (byte) value;
        return bytes;
    }
}
