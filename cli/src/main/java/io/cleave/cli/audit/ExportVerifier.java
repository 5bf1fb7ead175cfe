package io.cleave.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.IndexedLeaf;
import io.cleave.transparency.LogMismatchException;
import io.cleave.transparency.LogVerifier;
import io.cleave.transparency.NoteVerifierKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Verifies an audit export offline (docs/audit-record.md): every line is a schema-v1 record whose
 * bytes are the leaf; line {@code i} must carry leaf index {@code i}; the RFC 9162 tree over all
 * lines must have exactly the root and size of the checkpoint, which must be signed by the log key.
 * Pure; thread-safe.
 */
public final class ExportVerifier {
    /** The record schema versions this verifier reads. */
    public static final int SCHEMA_VERSION = 1;

    private ExportVerifier() {
    }

    /** Verifies the export: records file bytes, checkpoint note bytes, the log key. */
    public static VerifyResult verify(byte[] records, byte[] checkpoint, NoteVerifierKey key) {
        List<IndexedLeaf> leaves;
        try {
            leaves = parse(records);
        } catch (BadRecordException e) {
            return VerifyResult.invalid(e.position, null, e.getMessage(), OptionalLong.of(e.position));
        }
        try {
            Checkpoint verified = LogVerifier.verifyIndexed(leaves, utf8(checkpoint), key);
            return VerifyResult.valid(verified.size(), verified.rootHash());
        } catch (LogMismatchException e) {
            return VerifyResult.invalid(e.recordCount(), e.computedRoot(), e.getMessage(), e.firstBadRecord());
        } catch (CheckpointException e) {
            return VerifyResult.invalid(leaves.size(), null, "checkpoint refused (" + e.reason() + "): "
                    + e.getMessage(), OptionalLong.empty());
        } catch (GeneralSecurityException e) {
            return VerifyResult.invalid(leaves.size(), null, e.getMessage(), OptionalLong.empty());
        }
    }

    private static List<IndexedLeaf> parse(byte[] records) throws BadRecordException {
        List<IndexedLeaf> leaves = new ArrayList<>();
        int start = 0;
        while (start < records.length) {
            int end = indexOf(records, (byte) '\n', start);
            if (end < 0) {
                throw new BadRecordException(leaves.size(), "record " + leaves.size()
                        + " does not end with a newline: the export is truncated");
            }
            byte[] line = Arrays.copyOfRange(records, start, end);
            leaves.add(new IndexedLeaf(index(line, leaves.size()), line));
            start = end + 1;
        }
        return leaves;
    }

    /** Checks the schema version first, as any reader of a versioned format must, then reads the index. */
    private static long index(byte[] line, int position) throws BadRecordException {
        JsonNode record;
        try {
            record = BrokerClient.json().readTree(line);
        } catch (IOException e) {
            throw new BadRecordException(position, "record " + position + " is not JSON");
        }
        if (record == null || !record.isObject()) {
            throw new BadRecordException(position, "record " + position + " is not a JSON object");
        }
        JsonNode version = record.get("schema_version");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new BadRecordException(position, "record " + position + " has no integer schema_version");
        }
        if (version.asLong() != SCHEMA_VERSION) {
            throw new BadRecordException(position, "record " + position + " has schema version " + version.asLong()
                    + "; this verifier reads version " + SCHEMA_VERSION + " only");
        }
        JsonNode index = record.get("index");
        if (index == null || !index.canConvertToExactIntegral() || index.asLong() < 0) {
            throw new BadRecordException(position, "record " + position + " has no leaf index");
        }
        return index.asLong();
    }

    private static String utf8(byte[] bytes) throws CheckpointException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(CheckpointException.Reason.MALFORMED_NOTE, "note is not valid UTF-8");
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A line of the export that is not a readable schema-v1 record. */
    private static final class BadRecordException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long position;

        BadRecordException(long position, String message) {
            super(message);
            this.position = position;
        }
    }
}
