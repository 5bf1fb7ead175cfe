package io.cleave.attestation.software;

import io.cleave.attestation.AttestationException;
import io.cleave.attestation.AttestationException.Reason;
import io.cleave.attestation.Evidence;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.ReportDataBinding;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Byte formats of software evidence: what is signed, and how the evidence travels.
 * <pre>
 *   statement = "cleave-software-evidence-v1" || 0x00 || measurement(48) || report_data(64)
 *               || u8(len(key_id)) || utf8(key_id)
 *   wire      = version(1) = 0x01 || measurement(48) || report_data(64)
 *               || u8(len(key_id)) || utf8(key_id) || u16be(len(signature)) || signature
 * </pre>
 * The key id is inside the signed statement, so a signature cannot be re-attributed to another key.
 */
public final class SoftwareEvidenceFormat {
    /** The only wire version; decoding checks it before anything else. */
    public static final int VERSION = 1;

    private static final byte[] LABEL = "cleave-software-evidence-v1".getBytes(StandardCharsets.US_ASCII);

    private SoftwareEvidenceFormat() {
    }

    /** The bytes the provider key signs. */
    static byte[] statement(Measurement measurement, byte[] reportData, String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(LABEL.length + 1 + Measurement.LENGTH + ReportDataBinding.LENGTH + 1 + id.length)
                .put(LABEL).put((byte) 0).put(measurement.bytes()).put(reportData)
                .put((byte) id.length).put(id).array();
    }

    public static byte[] encode(Evidence.Software evidence) {
        Objects.requireNonNull(evidence, "evidence");
        byte[] id = evidence.signerKeyId().getBytes(StandardCharsets.UTF_8);
        byte[] signature = evidence.signature();
        if (signature.length > 0xFFFF) {
            throw new IllegalArgumentException("signature of " + signature.length + " bytes is too long to encode");
        }
        return ByteBuffer.allocate(1 + Measurement.LENGTH + ReportDataBinding.LENGTH + 1 + id.length + 2 + signature.length)
                .put((byte) VERSION).put(evidence.measurement().bytes()).put(evidence.reportData())
                .put((byte) id.length).put(id).putShort((short) signature.length).put(signature).array();
    }

    /** Parses {@link #encode} output exactly: unknown version, short input or trailing bytes are refused. */
    public static Evidence.Software decode(byte[] wire) throws AttestationException {
        Objects.requireNonNull(wire, "wire");
        if (wire.length == 0) {
            throw malformed("software evidence is empty");
        }
        if (wire[0] != VERSION) {
            throw new AttestationException(Reason.UNSUPPORTED_VERSION,
                    "software evidence version " + (wire[0] & 0xFF) + " is not supported (supported: 1)");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(wire, 1, wire.length - 1);
            byte[] measurement = take(in, Measurement.LENGTH);
            byte[] reportData = take(in, ReportDataBinding.LENGTH);
            String keyId = utf8(take(in, in.get() & 0xFF));
            byte[] signature = take(in, in.getShort() & 0xFFFF);
            if (in.hasRemaining()) {
                throw malformed("software evidence has " + in.remaining() + " trailing bytes");
            }
            return new Evidence.Software(Measurement.of(measurement), reportData, keyId, signature);
        } catch (BufferUnderflowException e) {
            throw malformed("software evidence is truncated");
        } catch (IllegalArgumentException e) {
            throw malformed("software evidence is malformed: " + e.getMessage());
        }
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static String utf8(byte[] bytes) throws AttestationException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("software evidence key id is not UTF-8");
        }
    }

    private static AttestationException malformed(String message) {
        return new AttestationException(Reason.MALFORMED_EVIDENCE, message);
    }
}
