package io.cleave.attestation.sevsnp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the refusal tests. */
final class Rejections {
    private Rejections() {
    }

    static AttestationException assertRefused(Reason reason, String message, Executable action) {
        AttestationException e = assertThrows(AttestationException.class, action);
        assertEquals(reason, e.reason(), () -> "reason of: " + e.getMessage());
        assertEquals(message, e.getMessage());
        return e;
    }

    static Evidence.SevSnp evidence(byte[] report, String... certificateFiles) throws AttestationException {
        List<byte[]> certificates = new ArrayList<>();
        for (String file : certificateFiles) {
            certificates.addAll(CertificateInput.decode(Vectors.bytes(file)));
        }
        return new Evidence.SevSnp(report, certificates);
    }

    static SevSnpVerifier verifierAt(Instant at) {
        return SevSnpVerifier.create(Vectors.clockAt(at));
    }
}
