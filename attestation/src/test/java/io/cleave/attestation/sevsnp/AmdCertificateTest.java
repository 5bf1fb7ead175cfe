package io.cleave.attestation.sevsnp;

import static io.cleave.attestation.sevsnp.Rejections.assertRefused;

import io.cleave.attestation.AttestationException.Reason;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** The strictness rules of {@link AmdCertificate#parse}, each with its message. */
class AmdCertificateTest {
    private static final String AMD_ASK = "CN=SEV-Milan,O=Advanced Micro Devices";

    @Test
    void parse_pkcs1SignatureInsteadOfPss_refused() throws Exception {
        byte[] der = TestCertificates.signedWith(AMD_ASK, "SHA384WITHRSA", rsaKey());
        assertRefused(Reason.MALFORMED_CERTIFICATE, "certificate is signed with 1.2.840.113549.1.1.12, not RSASSA-PSS",
                () -> AmdCertificate.parse(der));
    }

    @Test
    void parse_pssWithSha256_refused() throws Exception {
        byte[] der = TestCertificates.signedWith(AMD_ASK, "SHA256WITHRSAANDMGF1", rsaKey());
        assertRefused(Reason.MALFORMED_CERTIFICATE,
                "certificate RSASSA-PSS parameters are not SHA-384, MGF1 SHA-384, salt 48", () -> AmdCertificate.parse(der));
    }

    @Test
    void parse_keyOnAnotherCurve_refused() throws Exception {
        byte[] der = TestCertificates.signedWith("CN=SEV-VCEK", "SHA384WITHRSAANDMGF1",
                TestCertificates.keyPair("EC", new ECGenParameterSpec("secp256r1")).getPublic());
        assertRefused(Reason.MALFORMED_CERTIFICATE, "SEV-VCEK has a key that is neither RSA nor ECDSA P-384",
                () -> AmdCertificate.parse(der));
    }

    /** The same certificate with its outer length in a longer (BER, not DER) form. */
    @Test
    void parse_nonMinimalLengthEncoding_refused() {
        byte[] der = Vectors.bytes(Vectors.TRUSTEE_VCEK);
        byte[] ber = new byte[der.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x83;
        ber[2] = 0;
        System.arraycopy(der, 2, ber, 3, der.length - 2);
        assertRefused(Reason.MALFORMED_CERTIFICATE, "certificate is not a DER-encoded X.509 certificate",
                () -> AmdCertificate.parse(ber));
    }

    private static PublicKey rsaKey() throws Exception {
        return TestCertificates.rsa().getPublic();
    }
}
