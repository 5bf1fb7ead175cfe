package io.cleave.broker.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** How certificates and keys are named in tables and audit records. */
final class Fingerprints {
    private Fingerprints() {
    }

    /** The certificate serial as lowercase hex, the primary key of the certificates table. */
    static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    static String sha256(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
