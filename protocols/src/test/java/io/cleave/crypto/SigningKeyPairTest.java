package io.cleave.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningKeyPairTest {
    private static final byte[] DATA = "transcript hash".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void signVerify_validSignature_verifies(SignatureAlgorithm algorithm) throws Exception {
        SigningKeyPair key = SigningKeyPair.generate(algorithm);
        Signer signer = key.signer();
        assertEquals(algorithm, signer.algorithm());
        key.publicKey().verifier().verify(signer.sign(DATA), DATA);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void verify_everyBitFlipOfSignatureOrData_isRejected(SignatureAlgorithm algorithm) throws Exception {
        SigningKeyPair key = SigningKeyPair.generate(algorithm);
        byte[] signature = key.signer().sign(DATA);
        Verifier verifier = key.publicKey().verifier();
        List<String> accepted = new ArrayList<>();
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] mutated = signature.clone();
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
            if (verifies(verifier, mutated, DATA)) {
                accepted.add("signature bit " + bit);
            }
        }
        for (int bit = 0; bit < DATA.length * 8; bit++) {
            byte[] mutated = DATA.clone();
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
            if (verifies(verifier, signature, mutated)) {
                accepted.add("data bit " + bit);
            }
        }
        if (verifies(verifier, Arrays.copyOf(signature, signature.length - 1), DATA)) {
            accepted.add("truncated");
        }
        if (verifies(verifier, Arrays.copyOf(signature, signature.length + 1), DATA)) {
            accepted.add("extra byte");
        }
        assertEquals(List.of(), accepted);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void verify_otherKey_isRejected(SignatureAlgorithm algorithm) throws Exception {
        byte[] signature = SigningKeyPair.generate(algorithm).signer().sign(DATA);
        Verifier other = SigningKeyPair.generate(algorithm).publicKey().verifier();
        assertEquals("signature verification failed",
                assertThrows(GeneralSecurityException.class, () -> other.verify(signature, DATA)).getMessage());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void pkcs8_exportImport_keepsPublicKeyAndSigns(SignatureAlgorithm algorithm) throws Exception {
        SigningKeyPair key = SigningKeyPair.generate(algorithm);
        SigningKeyPair restored = SigningKeyPair.importPkcs8FromOwnerStorage(key.exportPkcs8ForOwnerStorage());
        assertEquals(key.publicKey(), restored.publicKey());
        key.publicKey().verifier().verify(restored.signer().sign(DATA), DATA);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void publicKey_decode_roundTrips(SignatureAlgorithm algorithm) throws Exception {
        SignaturePublicKey key = SigningKeyPair.generate(algorithm).publicKey();
        SignaturePublicKey decoded = SignaturePublicKey.decode(key.encoded());
        assertEquals(key, decoded);
        assertEquals(algorithm, decoded.algorithm());
    }

    @Test
    void decode_garbageOrOtherCurve_isRejectedWithReason() throws Exception {
        assertEquals("malformed public key: not a SubjectPublicKeyInfo", assertThrows(GeneralSecurityException.class,
                () -> SignaturePublicKey.decode(new byte[] {1, 2, 3})).getMessage());
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] spki = p384.generateKeyPair().getPublic().getEncoded();
        assertEquals("unsupported public key: only ECDSA P-256 and Ed25519 are accepted",
                assertThrows(GeneralSecurityException.class, () -> SignaturePublicKey.decode(spki)).getMessage());
        assertEquals("malformed private key: not PKCS#8", assertThrows(GeneralSecurityException.class,
                () -> SigningKeyPair.importPkcs8FromOwnerStorage(new byte[] {0x30, 0x01})).getMessage());
    }

    private static boolean verifies(Verifier verifier, byte[] signature, byte[] data) {
        try {
            verifier.verify(signature, data);
            return true;
        } catch (GeneralSecurityException e) {
            assertEquals("signature verification failed", e.getMessage());
            return false;
        }
    }
}
