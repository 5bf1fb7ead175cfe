package io.cleave.attestation.sevsnp;

import static io.cleave.attestation.sevsnp.Rejections.assertRefused;
import static io.cleave.attestation.sevsnp.Rejections.evidence;
import static io.cleave.attestation.sevsnp.Rejections.verifierAt;
import static io.cleave.attestation.sevsnp.Vectors.*;

import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.Measurement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

class SevSnpRejectionTest {
    private final SevSnpVerifier verifier = verifierAt(PINNED);

    @Test
    void verify_malformedLegacyVcek_refusedForItsTcbExtensions() {
        assertRefused(Reason.TCB_MISMATCH, "VCEK is for TCB (bootloader=3 tee=0 snp=10 microcode=169 fmc=0)"
                        + " but the report's reported TCB is (bootloader=3 tee=0 snp=8 microcode=115 fmc=0)",
                () -> verifier.verify(evidence(bytes(TRUSTEE_REPORT),
                        TRUSTEE + "test_data/snp/test-vcek-invalid-legacy.der", MILAN_TRUSTEE_CHAIN)));
    }

    @Test
    void verify_malformedNewVcek_refusedForItsWrappedHwId() {
        assertRefused(Reason.MALFORMED_CERTIFICATE, "VCEK hwID extension is 66 bytes; a Milan hwID is 64 bytes",
                () -> verifier.verify(evidence(bytes(TRUSTEE_REPORT),
                        TRUSTEE + "test_data/snp/test-vcek-invalid-new.der", MILAN_TRUSTEE_CHAIN)));
    }

    @Test
    void chain_malformedLegacyVcek_isNotSignedByTheMilanAsk() throws Exception {
        AmdCertificate vcek = AmdCertificate.parse(bytes(TRUSTEE + "test_data/snp/test-vcek-invalid-legacy.der"));
        AmdCertificateSet given = AmdCertificateSet.of(List.of());
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID, "VCEK signature does not verify with the key of SEV-Milan",
                () -> EndorsementChain.verify(vcek, EndorsementKeyKind.VCEK, SevSnpProduct.MILAN, given, PINNED));
    }

    @Test
    void verify_reportOfAnotherTcb_refused() {
        assertRefused(Reason.TCB_MISMATCH, "VCEK is for TCB (bootloader=3 tee=0 snp=8 microcode=115 fmc=0)"
                        + " but the report's reported TCB is (bootloader=2 tee=0 snp=5 microcode=68 fmc=0)",
                () -> verifier.verify(evidence(bytes(GO_REPORT), TRUSTEE_VCEK)));
    }

    @Test
    void verify_vcekOfAnotherChipWithTheSameTcb_refused() {
        assertRefused(Reason.CHIP_ID_MISMATCH, "VCEK hwID does not match the report's CHIP_ID",
                () -> verifier.verify(evidence(bytes(TRUSTEE_REPORT), VIRTEE_VCEK)));
    }

    @Test
    void verify_vlekReportWithVcek_refusedAsSignerMismatch() {
        assertRefused(Reason.SIGNER_MISMATCH, "the report is signed by the VLEK but a VCEK certificate was given",
                () -> verifier.verify(evidence(bytes(TRUSTEE_VLEK_REPORT), TRUSTEE_VCEK, MILAN_TRUSTEE_CHAIN)));
    }

    @Test
    void verify_noEndorsementCertificate_refused() {
        assertRefused(Reason.MISSING_CERTIFICATE, "no VCEK certificate was given; supply it"
                        + " (this verifier does not fetch certificates from AMD KDS)",
                () -> verifier.verify(evidence(bytes(TRUSTEE_REPORT), MILAN_TRUSTEE_CHAIN)));
    }

    @Test
    void verify_vlekAfterItsExpiry_refused() {
        assertRefused(Reason.CERTIFICATE_NOT_VALID_AT_TIME, "VLEK (SEV-VLEK) is not valid at 2026-01-01T00:00:00Z;"
                        + " it is valid from 2024-12-10T22:14:21Z to 2025-12-10T22:14:21Z",
                () -> verifierAt(Instant.parse("2026-01-01T00:00:00Z"))
                        .verify(evidence(bytes(TRUSTEE_VLEK_REPORT), TRUSTEE_VLEK)));
    }

    @Test
    void verify_vcekBeforeItsIssue_refused() {
        assertRefused(Reason.CERTIFICATE_NOT_VALID_AT_TIME, "VCEK (SEV-VCEK) is not valid at 2022-01-01T00:00:00Z;"
                        + " it is valid from 2023-01-24T17:58:26Z to 2030-01-24T17:58:26Z",
                () -> verifierAt(Instant.parse("2022-01-01T00:00:00Z"))
                        .verify(evidence(bytes(TRUSTEE_REPORT), TRUSTEE_VCEK)));
    }

    @Test
    void verify_expectedProductDiffers_refused() {
        assertRefused(Reason.WRONG_PRODUCT, "the VCEK is for Milan but Genoa was expected",
                () -> SevSnpVerifier.forProduct(clockAt(PINNED), SevSnpProduct.GENOA)
                        .verify(evidence(bytes(TRUSTEE_REPORT), TRUSTEE_VCEK)));
    }

    @Test
    void verify_chainOfAnotherProduct_refused() {
        assertRefused(Reason.WRONG_PRODUCT, "the certificate chain contains [SEV-Genoa, ARK-Genoa, SEV-VLEK-Genoa]"
                        + " but the VCEK is for Milan",
                () -> verifier.verify(evidence(bytes(TRUSTEE_REPORT), TRUSTEE_VCEK, GENOA_TRUSTEE_CHAIN)));
    }

    @Test
    void verify_turinVcekForMilanReport_refused() {
        assertRefused(Reason.MALFORMED_EVIDENCE, "the report's reported TCB sets bytes that Turin reserves",
                () -> verifier.verify(evidence(bytes(TRUSTEE_REPORT), "virtee-sev/tests/certs_data/vcek_turin.der")));
    }

    @Test
    void verify_cpuidOfAnotherProduct_refusedBeforeTheSignatureCheck() {
        byte[] report = bytes(TRUSTEE_VLEK_REPORT);
        report[ReportLayout.CPUID_FMS + 1] = 0x11;
        assertRefused(Reason.WRONG_PRODUCT, "the report's CPUID family 0x19 model 0x11 is not a Milan processor",
                () -> verifier.verify(evidence(report, TRUSTEE_VLEK)));
    }

    @Test
    void verify_softwareEvidence_refusedAsUnsupportedType() {
        Evidence software = new Evidence.Software(Measurement.of(new byte[48]), new byte[64], "dev-key", new byte[8]);
        assertRefused(Reason.UNSUPPORTED_EVIDENCE_TYPE, "the SEV-SNP verifier cannot verify SOFTWARE evidence",
                () -> verifier.verify(software));
    }

    @Test
    void verify_textGarbage_refusedByVersion() {
        byte[] garbage = "this is not an attestation report".getBytes(StandardCharsets.US_ASCII);
        assertRefused(Reason.UNSUPPORTED_VERSION, "report version 1936287860 is not supported (supported: 2 to 5)",
                () -> verifier.verify(new Evidence.SevSnp(garbage, List.of())));
    }

    @Test
    void verify_garbageCertificate_refused() {
        assertRefused(Reason.MALFORMED_CERTIFICATE, "certificate cannot be parsed as DER X.509",
                () -> verifier.verify(new Evidence.SevSnp(bytes(TRUSTEE_REPORT), List.of(new byte[] {0x30, 0x03, 1}))));
    }

    @Test
    void verify_certificateOutsideTheAmdHierarchy_refused() throws Exception {
        byte[] foreign = TestCertificates.selfSigned("CN=example.org").der();
        assertRefused(Reason.MALFORMED_CERTIFICATE,
                "certificate with subject CN 'example.org' is not part of the AMD SEV-SNP hierarchy",
                () -> verifier.verify(new Evidence.SevSnp(bytes(TRUSTEE_REPORT), List.of(foreign))));
    }

    @Test
    void verify_counterfeitArk_refusedAsUntrustedRoot() throws Exception {
        TestCertificates.Issued ark = TestCertificates.selfSigned(
                "CN=ARK-Milan,O=Advanced Micro Devices,L=Santa Clara,ST=CA,C=US,OU=Engineering");
        AmdCertificate parsed = AmdCertificate.parse(ark.der());
        assertRefused(Reason.UNTRUSTED_ROOT, "the given ARK-Milan has SHA-256 " + parsed.sha256Hex()
                        + ", not the pinned AMD root " + SevSnpProduct.MILAN.arkSha256(),
                () -> verifier.verify(new Evidence.SevSnp(bytes(TRUSTEE_REPORT),
                        List.of(bytes(TRUSTEE_VCEK), ark.der()))));
    }

    @Test
    void verify_askNamingAnotherIssuer_refused() throws Exception {
        TestCertificates.Issued ask = TestCertificates.selfSigned("CN=SEV-Milan,O=Advanced Micro Devices");
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID,
                "ASK names issuer 'CN=SEV-Milan,O=Advanced Micro Devices', not ARK-Milan",
                () -> verifier.verify(new Evidence.SevSnp(bytes(TRUSTEE_REPORT),
                        List.of(bytes(TRUSTEE_VCEK), ask.der()))));
    }

    @Test
    void verify_counterfeitAsk_refusedByThePinnedArk() throws Exception {
        Certificate realAsk = Certificate.getInstance(AmdRoots.intermediate(SevSnpProduct.MILAN, EndorsementKeyKind.VCEK).der());
        TestCertificates.Issued ask = TestCertificates.issued(realAsk.getSubject(), realAsk.getIssuer());
        assertRefused(Reason.CERTIFICATE_SIGNATURE_INVALID, "ASK signature does not verify with the key of ARK-Milan",
                () -> verifier.verify(new Evidence.SevSnp(bytes(TRUSTEE_REPORT),
                        List.of(bytes(TRUSTEE_VCEK), ask.der()))));
    }
}
