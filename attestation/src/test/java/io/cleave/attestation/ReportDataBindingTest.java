package io.cleave.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ReportDataBindingTest {

    /** Recomputes the documented construction from its description, with a second implementation. */
    @Test
    void forWorkloadKey_followsTheDocumentedConstruction() throws Exception {
        byte[] key = {1, 2, 3, 4};
        byte[] nonce = {(byte) 0xAA, (byte) 0xBB};
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write("cleave-report-data-v1".getBytes(StandardCharsets.US_ASCII));
        expected.write(new byte[] {0, 0, 0, 0, 4, 1, 2, 3, 4, 0, 0, 0, 2, (byte) 0xAA, (byte) 0xBB});
        byte[] digest = MessageDigest.getInstance("SHA-512").digest(expected.toByteArray());
        assertArrayEquals(digest, ReportDataBinding.forWorkloadKey(key, nonce).reportData());
        assertTrue(ReportDataBinding.forWorkloadKey(key, nonce).matches(digest));
    }

    @Test
    void forWorkloadKey_lengthPrefixesSeparateKeyAndNonce() {
        assertNotEquals(ReportDataBinding.forWorkloadKey(new byte[] {1, 2}, new byte[] {3}),
                ReportDataBinding.forWorkloadKey(new byte[] {1}, new byte[] {2, 3}));
        assertEquals(ReportDataBinding.forWorkloadKey(new byte[] {1}), ReportDataBinding.forWorkloadKey(new byte[] {1}, new byte[0]));
        assertFalse(ReportDataBinding.forWorkloadKey(new byte[] {1}).matches(new byte[63]));
    }
}
