package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads certificate files as AMD and the tools around it publish them: one DER certificate (the
 * KDS VCEK download), or PEM text with one or more certificates (the KDS {@code cert_chain}).
 */
public final class CertificateInput {
    private static final String PEM_BEGIN = "-----BEGIN ";

    private CertificateInput() {
    }

    /** Returns the DER certificates in the file, in file order. */
    public static List<byte[]> decode(byte[] file) throws AttestationException {
        Objects.requireNonNull(file, "file");
        String text = new String(file, StandardCharsets.ISO_8859_1);
        if (!text.stripLeading().startsWith(PEM_BEGIN)) {
            return List.of(file.clone());
        }
        List<byte[]> certificates = new ArrayList<>();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject pem = reader.readPemObject(); pem != null; pem = reader.readPemObject()) {
                if (!"CERTIFICATE".equals(pem.getType())) {
                    throw new AttestationException(Reason.MALFORMED_CERTIFICATE,
                            "PEM object of type '" + pem.getType() + "' is not a CERTIFICATE");
                }
                certificates.add(pem.getContent());
            }
        } catch (IOException | RuntimeException e) {
            throw new AttestationException(Reason.MALFORMED_CERTIFICATE, "PEM text cannot be read", e);
        }
        if (certificates.isEmpty()) {
            throw new AttestationException(Reason.MALFORMED_CERTIFICATE, "PEM text contains no certificate");
        }
        return certificates;
    }
}
