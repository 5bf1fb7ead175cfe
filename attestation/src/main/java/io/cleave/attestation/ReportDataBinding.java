package io.cleave.attestation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The 64 bytes of report data that bind a workload's public key (and optionally a verifier's
 * nonce) to its evidence, so that a key released to that public key reaches only the attested
 * workload.
 *
 * <p>Construction, documented so that a workload in any language can compute it:
 * <pre>
 *   report_data = SHA-512( "cleave-report-data-v1" || 0x00
 *                          || u32be(len(key)) || key
 *                          || u32be(len(nonce)) || nonce )
 * </pre>
 * where {@code key} is the workload public key's canonical encoding (for example
 * {@code HpkePublicKey.encode()}) and {@code nonce} is empty when no freshness is required.
 * Length prefixes keep (key, nonce) pairs from colliding; the label keeps the hash from being
 * confused with any other use of SHA-512 over a key.
 */
public final class ReportDataBinding {
    /** Length of SEV-SNP REPORT_DATA and of every binding. */
    public static final int LENGTH = 64;

    private static final byte[] LABEL = "cleave-report-data-v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] value;

    private ReportDataBinding(byte[] value) {
        this.value = value;
    }

    /** The binding of a workload key without a nonce. */
    public static ReportDataBinding forWorkloadKey(byte[] workloadPublicKey) {
        return forWorkloadKey(workloadPublicKey, new byte[0]);
    }

    /** The binding of a workload key to a verifier's fresh nonce. */
    public static ReportDataBinding forWorkloadKey(byte[] workloadPublicKey, byte[] nonce) {
        Objects.requireNonNull(workloadPublicKey, "workloadPublicKey");
        Objects.requireNonNull(nonce, "nonce");
        if (workloadPublicKey.length == 0) {
            throw new IllegalArgumentException("workloadPublicKey must not be empty");
        }
        MessageDigest sha512 = sha512();
        sha512.update(LABEL);
        sha512.update((byte) 0);
        sha512.update(ByteBuffer.allocate(4).putInt(workloadPublicKey.length).array());
        sha512.update(workloadPublicKey);
        sha512.update(ByteBuffer.allocate(4).putInt(nonce.length).array());
        sha512.update(nonce);
        return new ReportDataBinding(sha512.digest());
    }

    /** The report data bytes a workload must place in its evidence. */
    public byte[] reportData() {
        return value.clone();
    }

    /** Constant-time comparison with the report data of verified evidence. */
    public boolean matches(byte[] reportData) {
        return MessageDigest.isEqual(value, reportData);
    }

    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    static byte[] checkedReportData(byte[] reportData) {
        Objects.requireNonNull(reportData, "reportData");
        if (reportData.length != LENGTH) {
            throw new IllegalArgumentException(
                    "reportData must be " + LENGTH + " bytes, got " + reportData.length);
        }
        return reportData.clone();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-512", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportDataBinding other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ReportDataBinding[" + hex() + "]";
    }
}
