package io.cleave.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HpkeTest {
    private static final byte[] INFO = "cleave/v1/test".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "job-42".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEED = "32-byte seed for party one......".getBytes(StandardCharsets.UTF_8);
    private static final List<HpkeSuite> PRESETS = List.of(HpkeSuite.X25519_SHA256_AES_256_GCM,
            HpkeSuite.X25519_SHA256_AES_128_GCM, HpkeSuite.X25519_SHA256_CHACHA20_POLY1305,
            HpkeSuite.P256_SHA256_AES_128_GCM);

    @Test
    void sealOpen_everyPreset_roundTripsInBothModes() throws Exception {
        for (HpkeSuite suite : PRESETS) {
            HpkeKeyPair recipient = HpkeKeyPair.generate(suite);
            HpkeKeyPair sender = HpkeKeyPair.generate(suite);
            SealedBox base = SealedBox.decode(Hpke.seal(recipient.publicKey(), INFO, AAD, SEED).encode());
            assertArrayEquals(SEED, Hpke.open(recipient, INFO, AAD, base), suite + " base");
            SealedBox auth = Hpke.sealAuthenticated(recipient.publicKey(), sender, INFO, AAD, SEED);
            assertArrayEquals(SEED, Hpke.openAuthenticated(recipient, sender.publicKey(), INFO, AAD, auth), suite + " auth");
        }
    }

    @Test
    void seal_sameInputsTwice_givesDifferentBoxes() throws Exception {
        HpkeKeyPair recipient = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        SealedBox a = Hpke.seal(recipient.publicKey(), INFO, AAD, SEED);
        SealedBox b = Hpke.seal(recipient.publicKey(), INFO, AAD, SEED);
        assertTrue(!Arrays.equals(a.encapsulatedKey(), b.encapsulatedKey()) && !Arrays.equals(a.ciphertext(), b.ciphertext()));
    }

    @ParameterizedTest
    @EnumSource(HpkeMode.class)
    void open_everyBitFlipOfTheEncodedBox_isRejected(HpkeMode mode) throws Exception {
        HpkeKeyPair recipient = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        HpkeKeyPair sender = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        byte[] encoded = seal(mode, recipient, sender).encode();
        List<String> accepted = new ArrayList<>();
        for (int bit = 0; bit < encoded.length * 8; bit++) {
            byte[] mutated = encoded.clone();
            mutated[bit / 8] ^= (byte) (1 << (bit % 8));
            if (opens(mode, recipient, sender, mutated)) {
                accepted.add("bit " + bit);
            }
        }
        assertEquals(List.of(), accepted);
    }

    @ParameterizedTest
    @EnumSource(HpkeMode.class)
    void open_truncatedOrExtendedBox_isRejected(HpkeMode mode) throws Exception {
        HpkeKeyPair recipient = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        HpkeKeyPair sender = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        byte[] encoded = seal(mode, recipient, sender).encode();
        List<Integer> accepted = new ArrayList<>();
        for (int length = 0; length < encoded.length; length++) {
            if (opens(mode, recipient, sender, Arrays.copyOf(encoded, length))) {
                accepted.add(length);
            }
        }
        assertEquals(List.of(), accepted);
        assertTrue(!opens(mode, recipient, sender, Arrays.copyOf(encoded, encoded.length + 1)), "extra byte accepted");
    }

    @Test
    void open_wrongKeyInfoAadOrSender_failsUniformly() throws Exception {
        HpkeKeyPair recipient = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        HpkeKeyPair other = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        HpkeKeyPair sender = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        SealedBox base = Hpke.seal(recipient.publicKey(), INFO, AAD, SEED);
        SealedBox auth = Hpke.sealAuthenticated(recipient.publicKey(), sender, INFO, AAD, SEED);
        List<Executable> attempts = List.of(
                () -> Hpke.open(other, INFO, AAD, base),
                () -> Hpke.open(recipient, "other".getBytes(StandardCharsets.UTF_8), AAD, base),
                () -> Hpke.open(recipient, INFO, "job-43".getBytes(StandardCharsets.UTF_8), base),
                () -> Hpke.open(recipient, INFO, AAD, auth),
                () -> Hpke.openAuthenticated(recipient, other.publicKey(), INFO, AAD, auth),
                () -> Hpke.openAuthenticated(recipient, sender.publicKey(), INFO, AAD, base),
                () -> Hpke.open(HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_128_GCM), INFO, AAD, base));
        for (Executable attempt : attempts) {
            assertEquals("decryption failed", assertThrows(GeneralSecurityException.class, attempt).getMessage());
        }
    }

    @Test
    void exportImport_ownerStorage_opensEarlierBoxes() throws Exception {
        for (HpkeSuite suite : PRESETS) {
            HpkeKeyPair recipient = HpkeKeyPair.generate(suite);
            SealedBox box = Hpke.seal(recipient.publicKey(), INFO, AAD, SEED);
            HpkeKeyPair restored = HpkeKeyPair.importPrivateKeyFromOwnerStorage(recipient.exportPrivateKeyForOwnerStorage());
            assertEquals(recipient.publicKey(), restored.publicKey());
            assertArrayEquals(SEED, Hpke.open(restored, INFO, AAD, box));
        }
    }

    @Test
    void publicKey_encodeDecode_roundTripsAndRejectsGarbage() throws Exception {
        HpkePublicKey key = HpkeKeyPair.generate(HpkeSuite.P256_SHA256_AES_128_GCM).publicKey();
        assertEquals(key, HpkePublicKey.decode(key.encode()));
        byte[] offCurve = key.encode();
        offCurve[offCurve.length - 1] ^= 1;
        assertEquals("malformed HPKE public key",
                assertThrows(GeneralSecurityException.class, () -> HpkePublicKey.decode(offCurve)).getMessage());
        assertEquals("unsupported HPKE suite 16/1/65535", assertThrows(GeneralSecurityException.class,
                () -> HpkePublicKey.decode(new byte[] {0, 16, 0, 1, (byte) 0xFF, (byte) 0xFF, 4})).getMessage());
        assertEquals("HPKE public key too short: 3 bytes",
                assertThrows(GeneralSecurityException.class, () -> HpkePublicKey.decode(new byte[3])).getMessage());
    }

    @Test
    void seal_lowOrderX25519RecipientKey_failsChecked() throws Exception {
        byte[] header = {0, 0x20, 0, 1, 0, 2};
        HpkePublicKey lowOrder = HpkePublicKey.decode(concat(header, new byte[32]));
        assertEquals("HPKE seal failed: recipient key rejected",
                assertThrows(GeneralSecurityException.class, () -> Hpke.seal(lowOrder, INFO, AAD, SEED)).getMessage());
    }

    @Test
    void importPrivateKey_damagedStorage_isRejectedWithReason() {
        byte[] stored = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM).exportPrivateKeyForOwnerStorage();
        byte[] wrongVersion = stored.clone();
        wrongVersion[0] = 9;
        assertEquals("unsupported stored HPKE key version 9", assertThrows(GeneralSecurityException.class,
                () -> HpkeKeyPair.importPrivateKeyFromOwnerStorage(wrongVersion)).getMessage());
        assertEquals("malformed HPKE private key", assertThrows(GeneralSecurityException.class,
                () -> HpkeKeyPair.importPrivateKeyFromOwnerStorage(Arrays.copyOf(stored, stored.length - 1))).getMessage());
        assertEquals("stored HPKE key too short: 7 bytes", assertThrows(GeneralSecurityException.class,
                () -> HpkeKeyPair.importPrivateKeyFromOwnerStorage(Arrays.copyOf(stored, 7))).getMessage());
    }

    @Test
    void decode_unknownVersion_isRejectedFirst() {
        assertEquals("malformed sealed box: unsupported version 2",
                assertThrows(GeneralSecurityException.class, () -> SealedBox.decode(new byte[] {2})).getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SealedBox seal(HpkeMode mode, HpkeKeyPair recipient, HpkeKeyPair sender) throws Exception {
        return mode == HpkeMode.BASE ? Hpke.seal(recipient.publicKey(), INFO, AAD, SEED)
                : Hpke.sealAuthenticated(recipient.publicKey(), sender, INFO, AAD, SEED);
    }

    /** True only if the mutated bytes opened; the rejection message must be one of the two known forms. */
    private static boolean opens(HpkeMode mode, HpkeKeyPair recipient, HpkeKeyPair sender, byte[] encoded) {
        try {
            SealedBox box = SealedBox.decode(encoded);
            if (mode == HpkeMode.BASE) {
                Hpke.open(recipient, INFO, AAD, box);
            } else {
                Hpke.openAuthenticated(recipient, sender.publicKey(), INFO, AAD, box);
            }
            return true;
        } catch (GeneralSecurityException e) {
            assertTrue(Set.of("decryption failed").contains(e.getMessage()) || e.getMessage().startsWith("malformed sealed box: "),
                    "unexpected message: " + e.getMessage());
            return false;
        }
    }
}
