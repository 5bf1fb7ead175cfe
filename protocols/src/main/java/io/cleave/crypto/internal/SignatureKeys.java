package io.cleave.crypto.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * JDK signature keys (ECDSA P-256 with SHA-256, Ed25519) behind small holders, so that no
 * {@link PrivateKey} appears in a public signature of {@code io.cleave.crypto}.
 */
public final class SignatureKeys {
    private static final int ED25519_SIGNATURE_LENGTH = 64;
    private static final String VERIFICATION_FAILED = "signature verification failed";
    private static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private SignatureKeys() {
    }

    /** A private key with its public half; thread-safe (a fresh {@link Signature} per call). */
    public static final class Material {
        private final KeyPair pair;
        private final boolean ed25519;

        private Material(KeyPair pair, boolean ed25519) {
            this.pair = pair;
            this.ed25519 = ed25519;
        }

        public byte[] sign(byte[] data) throws GeneralSecurityException {
            Signature signature = Signature.getInstance(jcaName(ed25519));
            signature.initSign(pair.getPrivate());
            signature.update(data);
            return signature.sign();
        }

        public byte[] publicKeyInfo() {
            return pair.getPublic().getEncoded();
        }

        public byte[] pkcs8() {
            return pair.getPrivate().getEncoded();
        }
    }

    /** A parsed public key. */
    public static final class PublicMaterial {
        private final PublicKey key;
        private final boolean ed25519;

        private PublicMaterial(PublicKey key, boolean ed25519) {
            this.key = key;
            this.ed25519 = ed25519;
        }

        public boolean ed25519() {
            return ed25519;
        }

        public void verify(byte[] signatureBytes, byte[] data) throws GeneralSecurityException {
            // The JDK 17 Ed25519 verifier ignores trailing bytes; a signature must have one encoding.
            if (ed25519 && signatureBytes.length != ED25519_SIGNATURE_LENGTH) {
                throw new GeneralSecurityException(VERIFICATION_FAILED);
            }
            boolean valid;
            try {
                Signature signature = Signature.getInstance(jcaName(ed25519));
                signature.initVerify(key);
                signature.update(data);
                valid = signature.verify(signatureBytes);
            } catch (SignatureException | IllegalArgumentException e) {
                valid = false;
            }
            if (!valid) {
                throw new GeneralSecurityException(VERIFICATION_FAILED);
            }
        }
    }

    public static Material generate(boolean ed25519) throws GeneralSecurityException {
        KeyPairGenerator generator;
        if (ed25519) {
            generator = KeyPairGenerator.getInstance("Ed25519");
        } else {
            generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return new Material(generator.generateKeyPair(), ed25519);
    }

    public static PublicMaterial decodePublic(byte[] spki) throws GeneralSecurityException {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(spki);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed public key: not a SubjectPublicKeyInfo");
        }
        boolean ed25519 = isEd25519(info.getAlgorithm());
        if (!ed25519 && !isP256(info.getAlgorithm())) {
            throw new GeneralSecurityException("unsupported public key: only ECDSA P-256 and Ed25519 are accepted");
        }
        try {
            PublicKey key = KeyFactory.getInstance(ed25519 ? "Ed25519" : "EC").generatePublic(new X509EncodedKeySpec(spki));
            return new PublicMaterial(key, ed25519);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new GeneralSecurityException("malformed public key: invalid key encoding");
        }
    }

    public static Material importPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed private key: not PKCS#8");
        }
        boolean ed25519 = isEd25519(info.getPrivateKeyAlgorithm());
        if (!ed25519 && !isP256(info.getPrivateKeyAlgorithm())) {
            throw new GeneralSecurityException("unsupported private key: only ECDSA P-256 and Ed25519 are accepted");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ed25519 ? "Ed25519" : "EC");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new Material(new KeyPair(publicOf(factory, privateKey, ed25519), privateKey), ed25519);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new GeneralSecurityException("malformed private key: invalid key encoding");
        }
    }

    /** PKCS#8 need not carry the public key, so it is recomputed from the private scalar or seed. */
    private static PublicKey publicOf(KeyFactory factory, PrivateKey key, boolean ed25519)
            throws GeneralSecurityException, IOException {
        if (ed25519) {
            byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
            byte[] spki = SubjectPublicKeyInfoFactory
                    .createSubjectPublicKeyInfo(new Ed25519PrivateKeyParameters(seed).generatePublicKey())
                    .getEncoded();
            return factory.generatePublic(new X509EncodedKeySpec(spki));
        }
        ECPrivateKey ec = (ECPrivateKey) key;
        X9ECParameters curve = SECNamedCurves.getByOID(P256);
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(ec.getS()).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return factory.generatePublic(new ECPublicKeySpec(point, ec.getParams()));
    }

    private static boolean isEd25519(AlgorithmIdentifier algorithm) {
        return ED25519.equals(algorithm.getAlgorithm());
    }

    private static boolean isP256(AlgorithmIdentifier algorithm) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                && P256.equals(algorithm.getParameters());
    }

    private static String jcaName(boolean ed25519) {
        return ed25519 ? "Ed25519" : "SHA256withECDSA";
    }
}
