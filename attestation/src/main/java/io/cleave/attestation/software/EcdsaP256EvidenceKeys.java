package io.cleave.attestation.software;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

/**
 * Development keys for software evidence: ECDSA P-256 with SHA-256 from the JDK, DER signatures.
 * The private key stays inside the {@link EvidenceSigningKey} handle; the public key travels as its
 * X.509 SubjectPublicKeyInfo encoding.
 */
public final class EcdsaP256EvidenceKeys {
    private static final String ALGORITHM = "SHA256withECDSA";
    private static final int P256_FIELD_BITS = 256;

    private EcdsaP256EvidenceKeys() {
    }

    /** A fresh key pair; the signing handle is the only way to use its private key. */
    public static EvidenceSigningKey generate(String keyId) throws GeneralSecurityException {
        checkKeyId(keyId);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return new SigningKey(keyId, pair.getPrivate(), new VerificationKey(keyId, pair.getPublic()));
    }

    /** The verification key of a signing key made here. */
    public static EvidenceVerificationKey verificationKeyOf(EvidenceSigningKey signingKey) {
        if (!(signingKey instanceof SigningKey key)) {
            throw new IllegalArgumentException("not an ECDSA P-256 evidence key made by EcdsaP256EvidenceKeys");
        }
        return key.verificationKey;
    }

    /** The X.509 SubjectPublicKeyInfo encoding of a verification key made here. */
    public static byte[] encode(EvidenceVerificationKey verificationKey) {
        if (!(verificationKey instanceof VerificationKey key)) {
            throw new IllegalArgumentException("not an ECDSA P-256 evidence key made by EcdsaP256EvidenceKeys");
        }
        return key.publicKey.getEncoded();
    }

    /** Reads {@link #encode} output; refuses keys that are not P-256. */
    public static EvidenceVerificationKey decode(String keyId, byte[] subjectPublicKeyInfo)
            throws GeneralSecurityException {
        checkKeyId(keyId);
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Objects.requireNonNull(subjectPublicKeyInfo, "subjectPublicKeyInfo")));
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != P256_FIELD_BITS) {
            throw new GeneralSecurityException("evidence verification key is not an ECDSA P-256 key");
        }
        return new VerificationKey(keyId, key);
    }

    private static void checkKeyId(String keyId) {
        int idBytes = Objects.requireNonNull(keyId, "keyId").getBytes(StandardCharsets.UTF_8).length;
        if (idBytes == 0 || idBytes > 255) {
            throw new IllegalArgumentException("keyId must be 1..255 UTF-8 bytes, got " + idBytes);
        }
    }

    private static final class SigningKey implements EvidenceSigningKey {
        private final String keyId;
        private final PrivateKey privateKey;
        private final VerificationKey verificationKey;

        SigningKey(String keyId, PrivateKey privateKey, VerificationKey verificationKey) {
            this.keyId = keyId;
            this.privateKey = privateKey;
            this.verificationKey = verificationKey;
        }

        @Override
        public String keyId() {
            return keyId;
        }

        @Override
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        }

        @Override
        public String toString() {
            return "EcdsaP256EvidenceSigningKey[" + keyId + "]";
        }
    }

    private static final class VerificationKey implements EvidenceVerificationKey {
        private final String keyId;
        private final PublicKey publicKey;

        VerificationKey(String keyId, PublicKey publicKey) {
            this.keyId = keyId;
            this.publicKey = publicKey;
        }

        @Override
        public String keyId() {
            return keyId;
        }

        @Override
        public void verify(byte[] message, byte[] signature) throws GeneralSecurityException {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new GeneralSecurityException("signature does not verify");
            }
        }

        @Override
        public String toString() {
            return "EcdsaP256EvidenceVerificationKey[" + keyId + "]";
        }
    }
}
