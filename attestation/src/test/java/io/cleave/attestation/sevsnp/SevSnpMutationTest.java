package io.cleave.attestation.sevsnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.Evidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every byte of every distinct report (signed region, signature and the reserved tail) and of
 * every distinct certificate the complete sets present is changed in turn, inside the set it comes
 * from; each change must make verification fail. The bit flipped rotates with the byte index, so
 * every bit position is exercised across a field. Files shared by several sets (the Milan ASK and
 * ARK, the VLEK report) are mutated once, which keeps the run to seconds.
 */
class SevSnpMutationTest {
    private final SevSnpVerifier verifier = SevSnpVerifier.create(Vectors.clockAt(Vectors.PINNED));

    @Test
    void verify_anyChangedReportByte_refused() {
        List<String> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int mutations = 0;
        for (Vectors.Case c : withChains()) {
            Evidence.SevSnp original = c.evidence();
            byte[] report = original.report();
            if (!seen.add(HexFormat.of().formatHex(report))) {
                continue;
            }
            for (int i = 0; i < report.length; i++) {
                byte[] mutated = flip(report, i);
                mutations++;
                if (accepts(new Evidence.SevSnp(mutated, original.certificates()))) {
                    accepted.add(c.id() + " report byte 0x" + Integer.toHexString(i));
                }
            }
        }
        assertTrue(accepted.isEmpty(), "mutations accepted: " + accepted);
        assertEquals(4 * SevSnpReport.SIZE, mutations, "four distinct reports");
    }

    @Test
    void verify_anyChangedCertificateByte_refused() {
        List<String> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Vectors.Case c : withChains()) {
            Evidence.SevSnp original = c.evidence();
            List<byte[]> certificates = original.certificates();
            for (int n = 0; n < certificates.size(); n++) {
                byte[] certificate = certificates.get(n);
                if (!seen.add(HexFormat.of().formatHex(certificate))) {
                    continue;
                }
                for (int i = 0; i < certificate.length; i++) {
                    int index = i;
                    Evidence.SevSnp mutated = withCertificate(original, n, der -> flip(der, index));
                    if (accepts(mutated)) {
                        accepted.add(c.id() + " certificate " + n + " byte " + i);
                    }
                }
            }
        }
        assertTrue(accepted.isEmpty(), "mutations accepted: " + accepted);
        assertEquals(7, seen.size(), "four endorsement keys and the Milan ASK, ARK and ASVK");
    }

    @Test
    void verify_truncatedOrExtendedCertificate_refused() {
        List<String> accepted = new ArrayList<>();
        for (Vectors.Case c : withChains()) {
            Evidence.SevSnp original = c.evidence();
            for (int n = 0; n < original.certificates().size(); n++) {
                int length = original.certificates().get(n).length;
                for (int cut : new int[] {0, 1, length / 2, length - 1}) {
                    if (accepts(withCertificate(original, n, der -> Arrays.copyOf(der, cut)))) {
                        accepted.add(c.id() + " certificate " + n + " truncated to " + cut);
                    }
                }
                if (accepts(withCertificate(original, n, der -> Arrays.copyOf(der, der.length + 1)))) {
                    accepted.add(c.id() + " certificate " + n + " with an extra byte");
                }
            }
        }
        assertTrue(accepted.isEmpty(), "mutations accepted: " + accepted);
    }

    private static List<Vectors.Case> withChains() {
        return Vectors.completeSets().stream().filter(c -> c.chain().isPresent()).toList();
    }

    private boolean accepts(Evidence.SevSnp evidence) {
        try {
            verifier.verify(evidence);
            return true;
        } catch (AttestationException expected) {
            return false;
        }
    }

    private static Evidence.SevSnp withCertificate(Evidence.SevSnp original, int n, UnaryOperator<byte[]> change) {
        List<byte[]> certificates = new ArrayList<>(original.certificates());
        certificates.set(n, change.apply(certificates.get(n)));
        return new Evidence.SevSnp(original.report(), certificates);
    }

    private static byte[] flip(byte[] bytes, int index) {
        byte[] copy = bytes.clone();
        copy[index] ^= (byte) (1 << (index % 8));
        return copy;
    }
}
