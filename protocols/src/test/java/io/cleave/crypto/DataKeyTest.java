package io.cleave.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataKeyTest {
    private static final byte[] AAD = "cleave/v1/page/j/d/TRAIN/0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "cleave/v1/enclave-data-key/j/d".getBytes(StandardCharsets.UTF_8);
    private final byte[] page = "rows of one page".getBytes(StandardCharsets.UTF_8);

    @Test
    void open_afterWrapAndUnwrap_returnsThePage() throws Exception {
        DataKey owner = DataKey.generate();
        HpkeKeyPair workload = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        SealedBox wrapped = SealedBox.decode(owner.wrapTo(workload.publicKey(), INFO).encode());
        DataKey received = DataKey.unwrap(workload, INFO, wrapped);
        assertArrayEquals(page, received.open(owner.seal(page, AAD), AAD));
    }

    @Test
    void open_tamperedOrMisplaced_failsUniformly() throws Exception {
        DataKey key = DataKey.generate();
        byte[] sealed = key.seal(page, AAD);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertEquals("decryption failed", assertThrows(GeneralSecurityException.class,
                    () -> key.open(tampered, AAD)).getMessage());
        }
        byte[] otherPlace = "cleave/v1/page/j/d/TRAIN/1".getBytes(StandardCharsets.UTF_8);
        assertThrows(GeneralSecurityException.class, () -> key.open(sealed, otherPlace));
        assertThrows(GeneralSecurityException.class, () -> key.open(Arrays.copyOf(sealed, 27), AAD));
        assertThrows(GeneralSecurityException.class, () -> DataKey.generate().open(sealed, AAD));
    }

    @Test
    void unwrap_withAnotherWorkloadKeyOrPurpose_fails() throws Exception {
        DataKey owner = DataKey.generate();
        HpkeKeyPair workload = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        SealedBox wrapped = owner.wrapTo(workload.publicKey(), INFO);
        HpkeKeyPair intruder = HpkeKeyPair.generate(HpkeSuite.X25519_SHA256_AES_256_GCM);
        assertThrows(GeneralSecurityException.class, () -> DataKey.unwrap(intruder, INFO, wrapped));
        assertThrows(GeneralSecurityException.class,
                () -> DataKey.unwrap(workload, "cleave/v1/enclave-data-key/j/other".getBytes(StandardCharsets.UTF_8),
                        wrapped));
    }

    @Test
    void toString_redactsTheKey() {
        assertEquals("DataKey[AES-256-GCM, key redacted]", DataKey.generate().toString());
    }
}
