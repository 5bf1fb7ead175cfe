package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.TcbVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed loader for the SEV-SNP vectors under {@code src/test/resources/vectors/sev-snp} (see the
 * SOURCES.txt of each folder): one {@link Case} per complete set of /work/shared/vectors/README.md.
 */
final class Vectors {
    static final String TRUSTEE = "trustee/deps/verifier/";
    static final String MILAN_TRUSTEE_CHAIN = TRUSTEE + "src/snp/milan_ask_ark_asvk.pem";
    static final String GENOA_TRUSTEE_CHAIN = TRUSTEE + "src/snp/genoa_ask_ark_asvk.pem";
    static final String TRUSTEE_REPORT = TRUSTEE + "test_data/snp/test-report.bin";
    static final String TRUSTEE_VCEK = TRUSTEE + "test_data/snp/test-vcek.der";
    static final String TRUSTEE_VLEK_REPORT = TRUSTEE + "test_data/snp/test-vlek-report.bin";
    static final String TRUSTEE_VLEK = TRUSTEE + "test_data/snp/test-vlek.der";
    static final String GO_REPORT = "go-sev-guest/verify/testdata/attestation.bin";
    static final String GO_VCEK = "go-sev-guest/verify/testdata/vcek.testcer";
    static final String VIRTEE_REPORT_HEX = "virtee-sev/tests/certs_data/report_milan.hex";
    static final String VIRTEE_VCEK = "virtee-sev/tests/certs_data/vcek_milan.der";

    /** Before the VLEK's notAfter (2025-12-10) and after every notBefore of the sets. */
    static final Instant PINNED = Instant.parse("2025-06-01T00:00:00Z");

    /**
     * A complete set and what it must verify to. The expected TCB was read from the endorsement
     * certificate with {@code openssl asn1parse}, independently of the code under test.
     */
    record Case(String id, String report, String endorsement, Optional<String> chain, SevSnpProduct product,
            EndorsementKeyKind signer, TcbVersion tcb) {

        Evidence.SevSnp evidence() {
            try {
                List<byte[]> certificates = new ArrayList<>(CertificateInput.decode(bytes(endorsement)));
                if (chain.isPresent()) {
                    certificates.addAll(CertificateInput.decode(bytes(chain.get())));
                }
                return new Evidence.SevSnp(ReportInput.decode(bytes(report)), certificates);
            } catch (AttestationException e) {
                throw new IllegalStateException("vector " + id + " cannot be read", e);
            }
        }

        Case withoutChain() {
            return new Case(id + "/pinned-roots-only", report, endorsement, Optional.empty(), product, signer, tcb);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private Vectors() {
    }

    static List<Case> completeSets() {
        TcbVersion trusteeTcb = TcbVersion.of(3, 0, 8, 115);
        List<Case> withChains = List.of(
                new Case("trustee/milan-vcek", TRUSTEE_REPORT, TRUSTEE_VCEK, Optional.of(MILAN_TRUSTEE_CHAIN),
                        SevSnpProduct.MILAN, EndorsementKeyKind.VCEK, trusteeTcb),
                new Case("trustee/milan-vlek", TRUSTEE_VLEK_REPORT, TRUSTEE_VLEK, Optional.of(MILAN_TRUSTEE_CHAIN),
                        SevSnpProduct.MILAN, EndorsementKeyKind.VLEK, TcbVersion.of(4, 0, 24, 217)),
                new Case("trustee/milan-vlek+go-sev-guest-chain", TRUSTEE_VLEK_REPORT, TRUSTEE_VLEK,
                        Optional.of("go-sev-guest/verify/trust/ask_ark_milan_vlek.pem"),
                        SevSnpProduct.MILAN, EndorsementKeyKind.VLEK, TcbVersion.of(4, 0, 24, 217)),
                new Case("go-sev-guest/milan-vcek", GO_REPORT, GO_VCEK,
                        Optional.of("go-sev-guest/verify/trust/ask_ark_milan.pem"),
                        SevSnpProduct.MILAN, EndorsementKeyKind.VCEK, TcbVersion.of(2, 0, 5, 68)),
                new Case("virtee-sev/milan-vcek-hex", VIRTEE_REPORT_HEX, VIRTEE_VCEK,
                        Optional.of("virtee-sev/tests/certs_data/cert_chain_milan"),
                        SevSnpProduct.MILAN, EndorsementKeyKind.VCEK, trusteeTcb));
        List<Case> all = new ArrayList<>(withChains);
        withChains.forEach(c -> all.add(c.withoutChain()));
        return all;
    }

    static Case byId(String id) {
        return completeSets().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static byte[] bytes(String path) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/sev-snp/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing vector " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
