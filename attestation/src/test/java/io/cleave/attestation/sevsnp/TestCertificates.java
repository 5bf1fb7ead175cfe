package io.cleave.attestation.sevsnp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Counterfeit certificates for refusal tests: RSASSA-PSS SHA-384 like AMD's, but with a test key. */
final class TestCertificates {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static KeyPair rsa;

    record Issued(byte[] der, KeyPair keyPair) {
    }

    private TestCertificates() {
    }

    static Issued selfSigned(String subject) throws Exception {
        return issued(new X500Name(subject), new X500Name(subject));
    }

    /** A certificate naming {@code issuer} but signed by a fresh key that no AMD root knows. */
    static Issued issued(X500Name subject, X500Name issuer) throws Exception {
        KeyPair keyPair = rsa();
        return new Issued(build(subject, issuer, keyPair.getPublic(), keyPair, "SHA384WITHRSAANDMGF1"), keyPair);
    }

    /** A self-signed certificate for {@code subjectKey}, signed by a fresh RSA key with {@code algorithm}. */
    static byte[] signedWith(String subject, String algorithm, PublicKey subjectKey) throws Exception {
        X500Name name = new X500Name(subject);
        return build(name, name, subjectKey, rsa(), algorithm);
    }

    static KeyPair keyPair(String algorithm, AlgorithmParameterSpec spec) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(spec);
        return generator.generateKeyPair();
    }

    /** One RSA key for every counterfeit: generating 2048-bit keys is the slow part of these tests. */
    static synchronized KeyPair rsa() throws Exception {
        if (rsa == null) {
            rsa = keyPair("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        }
        return rsa;
    }

    private static byte[] build(X500Name subject, X500Name issuer, PublicKey subjectKey, KeyPair signer,
            String algorithm) throws Exception {
        Date from = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
        Date to = Date.from(Instant.parse("2049-01-01T00:00:00Z"));
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.ONE, from, to, subject, subjectKey)
                .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(signer.getPrivate()))
                .getEncoded();
    }
}
