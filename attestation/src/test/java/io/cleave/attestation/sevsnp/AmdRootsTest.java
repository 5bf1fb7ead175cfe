package io.cleave.attestation.sevsnp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.TcbVersion;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmdRootsTest {
    /** The fingerprints as /work/shared/vectors/README.md states them. */
    private static final Map<SevSnpProduct, String> README_FINGERPRINTS = Map.of(
            SevSnpProduct.MILAN, "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd",
            SevSnpProduct.GENOA, "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1",
            SevSnpProduct.TURIN, "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a");

    @Test
    void shippedRoots_matchTheIndependentlyPublishedFingerprintsAndNames() {
        for (SevSnpProduct product : SevSnpProduct.values()) {
            assertEquals(README_FINGERPRINTS.get(product), AmdRoots.ark(product).sha256Hex(), product.amdName());
            assertEquals("ARK-" + product.amdName(), AmdRoots.ark(product).commonName());
            assertEquals("SEV-" + product.amdName(),
                    AmdRoots.intermediate(product, EndorsementKeyKind.VCEK).commonName());
            assertEquals("SEV-VLEK-" + product.amdName(),
                    AmdRoots.intermediate(product, EndorsementKeyKind.VLEK).commonName());
        }
    }

    /** Every ARK, ASK and ASVK file of go-sev-guest and virtee/sev chains to the pinned ARK. */
    @Test
    void chainFilesOfOtherProjects_chainToThePinnedArks() {
        List<String> failures = new ArrayList<>();
        Map<String, SevSnpProduct> files = Map.of(
                "go-sev-guest/verify/trust/ask_ark_genoa.pem", SevSnpProduct.GENOA,
                "go-sev-guest/verify/trust/ask_ark_genoa_vlek.pem", SevSnpProduct.GENOA,
                "go-sev-guest/verify/trust/ask_ark_turin_vcek.pem", SevSnpProduct.TURIN,
                "go-sev-guest/verify/trust/ask_ark_turin_vlek.pem", SevSnpProduct.TURIN,
                "virtee-sev/src/certs/snp/builtin/genoa/ask.pem", SevSnpProduct.GENOA,
                "virtee-sev/src/certs/snp/builtin/genoa/ark.pem", SevSnpProduct.GENOA,
                "virtee-sev/src/certs/snp/builtin/turin/ask.pem", SevSnpProduct.TURIN,
                "virtee-sev/src/certs/snp/builtin/turin/ark.pem", SevSnpProduct.TURIN,
                "virtee-sev/src/certs/snp/builtin/milan/ask.pem", SevSnpProduct.MILAN,
                "virtee-sev/tests/certs_data/cert_chain_turin", SevSnpProduct.TURIN);
        files.forEach((file, product) -> {
            try {
                for (byte[] der : CertificateInput.decode(Vectors.bytes(file))) {
                    AmdCertificate cert = AmdCertificate.parse(der);
                    AmdCertificateSet.Role role = AmdCertificateSet.roleOf(cert.commonName());
                    expect(failures, file, product, role.product().orElseThrow());
                    cert.checkIssuedBy(AmdRoots.ark(product), role.name());
                    cert.checkValidAt(Vectors.PINNED, role.name());
                }
            } catch (AttestationException e) {
                failures.add(file + ": " + e);
            }
        });
        assertTrue(failures.isEmpty(), "failures: " + failures);
    }

    @Test
    void turinVcek_chainsToTheTurinRootWithTurinTcbAndEightByteHwId() throws Exception {
        AmdCertificate vcek = AmdCertificate.parse(Vectors.bytes("virtee-sev/tests/certs_data/vcek_turin.der"));
        EndorsementExtensions extensions = EndorsementExtensions.read(vcek, EndorsementKeyKind.VCEK);
        assertEquals(SevSnpProduct.TURIN, extensions.product());
        assertEquals(new TcbVersion(0, 0, 0, 9, 0), extensions.tcb());
        assertArrayEquals(HexFormat.of().parseHex("1e550a8ee5cf9f4d"), extensions.hwId().orElseThrow());
        AmdCertificateSet chain = AmdCertificateSet.of(
                CertificateInput.decode(Vectors.bytes("virtee-sev/tests/certs_data/cert_chain_turin")));
        EndorsementChain.verify(vcek, EndorsementKeyKind.VCEK, SevSnpProduct.TURIN, chain, Vectors.PINNED);
    }

    private static void expect(List<String> failures, String file, SevSnpProduct expected, SevSnpProduct actual) {
        if (expected != actual) {
            failures.add(file + ": product " + actual + ", expected " + expected);
        }
    }
}
