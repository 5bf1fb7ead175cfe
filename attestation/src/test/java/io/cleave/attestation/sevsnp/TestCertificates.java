package io.cleave.attestation.sevsnp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Counterfeit certificates for refusal tests: RSASSA-PSS SHA-384 like AMD's, but with a test key. */
final class TestCertificates {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    record Issued(byte[] der, KeyPair keyPair) {
    }

    private TestCertificates() {
    }

    static Issued selfSigned(String subject) throws Exception {
        return issued(new X500Name(subject), new X500Name(subject));
    }

    /** A certificate naming {@code issuer} but signed by a fresh key that no AMD root knows. */
    static Issued issued(X500Name subject, X500Name issuer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keyPair = generator.generateKeyPair();
        Date from = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
        Date to = Date.from(Instant.parse("2049-01-01T00:00:00Z"));
        byte[] der = new JcaX509v3CertificateBuilder(issuer, BigInteger.ONE, from, to, subject, keyPair.getPublic())
                .build(new JcaContentSignerBuilder("SHA384WITHRSAANDMGF1").setProvider(BC).build(keyPair.getPrivate()))
                .getEncoded();
        return new Issued(der, keyPair);
    }
}
