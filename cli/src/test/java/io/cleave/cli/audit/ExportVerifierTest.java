package io.cleave.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointSigner;
import io.cleave.transparency.MerkleTree;
import io.cleave.transparency.NoteSigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every edit, deletion, reordering or insertion of an exported record fails verification; bad input is named. */
class ExportVerifierTest {
    private static final String ORIGIN = "cleave.broker/test";
    private static final int N = 11;
    private final NoteSigningKey key = NoteSigningKey.generate(ORIGIN);
    private final List<String> lines = IntStream.range(0, N).mapToObj(ExportVerifierTest::record).toList();
    private final byte[] checkpoint = checkpointOver(lines);

    static String record(int index) {
        return "{\"action\":\"job.submitted\",\"details\":{\"n\":" + index + "},\"id\":\"id-" + index + "\",\"index\":"
                + index + ",\"schema_version\":1,\"seq\":" + (index + 1) + "}";
    }

    @Test
    void verify_untouchedExport_valid() {
        VerifyResult result = verify(lines);
        assertTrue(result.valid(), result.error());
        assertEquals(N, result.size());
        assertEquals(Base64.getEncoder().encodeToString(tree(lines).root()), result.root());
        assertEquals("{\"valid\":true,\"size\":" + N + ",\"root\":\"" + result.root() + "\"}", result.json().toString());
    }

    @Test
    void verify_anyRecordEdited_invalid() {
        for (int i = 0; i < N; i++) {
            int at = i;
            VerifyResult result = verify(change(at, l -> l.replace("job.submitted", "job.submittee")));
            assertFalse(result.valid(), "edited record " + at);
            assertEquals("the root of the first " + N + " records does not match the checkpoint root: a record was "
                    + "edited, inserted, deleted or reordered", result.error());
        }
    }

    @Test
    void verify_anyRecordDeleted_invalidNamingIt() {
        for (int i = 0; i < N; i++) {
            List<String> fewer = new ArrayList<>(lines);
            fewer.remove(i);
            VerifyResult result = verify(fewer);
            assertFalse(result.valid(), "deleted record " + i);
            assertEquals(OptionalLong.of(i), result.firstBadRecord(), "deleted record " + i + ": " + result.error());
        }
    }

    @Test
    void verify_anyTwoNeighboursSwapped_invalidNamingTheFirst() {
        for (int i = 0; i + 1 < N; i++) {
            List<String> swapped = new ArrayList<>(lines);
            swapped.set(i, lines.get(i + 1));
            swapped.set(i + 1, lines.get(i));
            VerifyResult result = verify(swapped);
            assertFalse(result.valid(), "swapped " + i);
            assertEquals(OptionalLong.of(i), result.firstBadRecord());
            assertEquals("record at position " + i + " carries leaf index " + (i + 1)
                    + ": records were deleted, inserted or reordered", result.error());
        }
    }

    @Test
    void verify_recordInsertedAnywhere_invalidNamingIt() {
        for (int i = 0; i <= N; i++) {
            List<String> more = new ArrayList<>(lines);
            more.add(i, record(i));
            VerifyResult result = verify(more);
            assertFalse(result.valid(), "inserted at " + i);
            assertEquals(OptionalLong.of(i == N ? N : i + 1), result.firstBadRecord(), "inserted at " + i);
        }
    }

    @Test
    void verify_unknownSchemaVersion_refusedNamingTheRecord() {
        VerifyResult result = verify(change(3, l -> l.replace("\"schema_version\":1", "\"schema_version\":2")));
        assertFalse(result.valid());
        assertEquals("record 3 has schema version 2; this verifier reads version 1 only", result.error());
        assertEquals(OptionalLong.of(3), result.firstBadRecord());
    }

    @Test
    void verify_lineNotJsonOrWithoutIndex_refused() {
        assertEquals("record 2 is not JSON", verify(change(2, l -> "{\"index\":")).error());
        assertEquals("record 4 has no leaf index", verify(change(4, l -> l.replace("\"index\"", "\"inde\""))).error());
        assertEquals("record 5 has no integer schema_version",
                verify(change(5, l -> l.replace("\"schema_version\":1", "\"schema_version\":\"1\""))).error());
    }

    @Test
    void verify_truncatedFile_refused() {
        byte[] file = jsonl(lines);
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 5);
        VerifyResult result = ExportVerifier.verify(cut, checkpoint, key.verifierKey());
        assertEquals("record " + (N - 1) + " does not end with a newline: the export is truncated", result.error());
    }

    @Test
    void verify_badCheckpoints_refusedWithReason() {
        byte[] records = jsonl(lines);
        assertEquals("checkpoint refused (MALFORMED_NOTE): note has no blank line before its signatures",
                ExportVerifier.verify(records, "not a note\n".getBytes(StandardCharsets.UTF_8), key.verifierKey())
                        .error());
        NoteSigningKey other = NoteSigningKey.generate(ORIGIN);
        assertEquals("checkpoint refused (UNKNOWN_KEY): note has no signature by key " + label(other),
                ExportVerifier.verify(records, checkpoint, other.verifierKey()).error());
        byte[] grown = new String(checkpoint, StandardCharsets.UTF_8).replace("\n" + N + "\n", "\n" + (N + 1) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        VerifyResult forged = ExportVerifier.verify(records, grown, key.verifierKey());
        assertFalse(forged.valid());
        assertEquals("checkpoint refused (BAD_SIGNATURE): invalid signature for key " + label(key), forged.error());
    }

    private static String label(NoteSigningKey k) {
        String[] parts = k.verifierKey().encoded().split("\\+", 3);
        return parts[0] + "+" + parts[1];
    }

    private List<String> change(int at, UnaryOperator<String> edit) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(at, edit.apply(copy.get(at)));
        return copy;
    }

    private VerifyResult verify(List<String> records) {
        return ExportVerifier.verify(jsonl(records), checkpoint, key.verifierKey());
    }

    private byte[] checkpointOver(List<String> records) {
        MerkleTree tree = tree(records);
        return new CheckpointSigner(key).sign(new Checkpoint(ORIGIN, tree.size(), tree.root()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static MerkleTree tree(List<String> records) {
        MerkleTree tree = MerkleTree.inMemory();
        records.forEach(r -> tree.appendLeaf(r.getBytes(StandardCharsets.UTF_8)));
        return tree;
    }

    static byte[] jsonl(List<String> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String r : records) {
            out.writeBytes(r.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
