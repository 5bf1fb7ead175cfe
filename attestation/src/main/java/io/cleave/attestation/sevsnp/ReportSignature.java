package io.cleave.attestation.sevsnp;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The report's ECDSA P-384 SHA-384 signature over bytes [0, 0x2A0) (SEV-SNP ABI, "ECDSA P-384
 * with SHA-384 Signature"): R and S are 72-byte little-endian integers of which only the low 48
 * bytes may be non-zero. They are passed as the fixed-length big-endian R || S ("plain", IEEE
 * P1363) encoding, so no ASN.1 is built from untrusted bytes.
 */
final class ReportSignature {
    private static final int P384_BYTES = 48;
    /**
     * Bouncy Castle's ECDSA verifies P-384 about three times faster than the JDK 17 provider.
     * A private instance: the provider is not registered globally.
     */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private ReportSignature() {
    }

    static void verify(SevSnpReport report, PublicKey endorsementKey, EndorsementKeyKind kind)
            throws AttestationException {
        byte[] p1363 = new byte[2 * P384_BYTES];
        toBigEndian(report.signatureR(), "R", p1363, 0);
        toBigEndian(report.signatureS(), "S", p1363, P384_BYTES);
        boolean valid;
        try {
            Signature ecdsa = Signature.getInstance("SHA384withPLAIN-ECDSA", BC);
            ecdsa.initVerify(endorsementKey);
            ecdsa.update(report.signedRegion());
            valid = ecdsa.verify(p1363);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new AttestationException(Reason.EVIDENCE_SIGNATURE_INVALID,
                    "report signature does not verify with the " + kind + " key");
        }
    }

    private static void toBigEndian(byte[] littleEndian, String name, byte[] out, int offset)
            throws AttestationException {
        for (int i = P384_BYTES; i < littleEndian.length; i++) {
            if (littleEndian[i] != 0) {
                throw new AttestationException(Reason.EVIDENCE_SIGNATURE_INVALID,
                        "report signature " + name + " is longer than 384 bits");
            }
        }
        for (int i = 0; i < P384_BYTES; i++) {
            out[offset + i] = littleEndian[P384_BYTES - 1 - i];
        }
    }
}
