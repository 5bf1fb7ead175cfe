package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointSigner;
import io.cleave.transparency.MerkleTree;
import io.cleave.transparency.NoteSigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./cleave audit verify} as a user runs it on an export folder: output and exit code. */
class AuditVerifyCommandTest {
    private static final String ORIGIN = "cleave.broker/test";
    @TempDir
    Path dir;
    private final NoteSigningKey key = NoteSigningKey.generate(ORIGIN);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String root;

    @BeforeEach
    void export() throws Exception {
        MerkleTree tree = MerkleTree.inMemory();
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String line = "{\"action\":\"a\",\"index\":" + i + ",\"schema_version\":1}";
            tree.appendLeaf(line.getBytes(StandardCharsets.UTF_8));
            records.append(line).append('\n');
        }
        root = Base64.getEncoder().encodeToString(tree.root());
        Files.writeString(dir.resolve("records.jsonl"), records);
        Files.writeString(dir.resolve("checkpoint"), new CheckpointSigner(key).sign(new Checkpoint(ORIGIN, 5, tree.root())));
        Files.writeString(dir.resolve("log-key"), key.verifierKey().encoded() + "\n");
    }

    @Test
    void verify_untouchedExportWithKeyBeside_printsValidAndExitsZero() {
        assertEquals(0, run("--records", dir.resolve("records.jsonl").toString(),
                "--checkpoint", dir.resolve("checkpoint").toString()));
        assertEquals("{\"valid\":true,\"size\":5,\"root\":\"" + root + "\"}", out.toString().strip());
    }

    @Test
    void verify_deletedRecord_printsInvalidNamingItAndExitsOne() throws Exception {
        Path records = dir.resolve("records.jsonl");
        Files.writeString(records, Files.readString(records).replace("{\"action\":\"a\",\"index\":2,\"schema_version\":1}\n", ""));
        assertEquals(1, run("--records", records.toString(), "--checkpoint", dir.resolve("checkpoint").toString(),
                "--log-key", dir.resolve("log-key").toString()));
        String printed = out.toString().strip();
        assertTrue(printed.startsWith("{\"valid\":false,\"size\":4,\"root\":\""), printed);
        assertTrue(printed.endsWith("\"error\":\"record at position 2 carries leaf index 3: records were deleted, "
                + "inserted or reordered\",\"first_bad_record\":2}"), printed);
    }

    @Test
    void verify_noLogKey_refusedWithWhatToPass() throws Exception {
        Files.delete(dir.resolve("log-key"));
        assertEquals(1, run("--records", dir.resolve("records.jsonl").toString(),
                "--checkpoint", dir.resolve("checkpoint").toString()));
        assertEquals("cleave: no log key at " + dir.resolve("log-key").toAbsolutePath()
                + ": pass --log-key FILE (the broker serves it at /api/log/key)", err.toString().strip());
    }

    private int run(String... args) {
        CommandLine cl = CleaveCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "audit";
        full[1] = "verify";
        System.arraycopy(args, 0, full, 2, args.length);
        return cl.execute(full);
    }
}
