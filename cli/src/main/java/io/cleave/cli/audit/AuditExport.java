package io.cleave.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.transparency.Checkpoint;
import io.cleave.transparency.CheckpointException;
import io.cleave.transparency.CheckpointVerifier;
import io.cleave.transparency.NoteVerifierKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports the broker's audit log for offline verification: {@code records.jsonl} (one canonical
 * record per line, in leaf order, exactly the bytes the log hashed, each followed by a newline),
 * {@code checkpoint} (the signed note as served) and {@code log-key} (the verifier key as served;
 * a verifier should compare it with a key obtained out of band).
 */
public final class AuditExport {
    public static final String RECORDS = "records.jsonl";
    public static final String CHECKPOINT = "checkpoint";
    public static final String LOG_KEY = "log-key";
    private static final int PAGE = 1000;

    private AuditExport() {
    }

    /**
     * Waits until the broker has logged every committed record (its outbox is empty), so that an
     * export taken at the end of a run holds all of it; gives up quietly after {@code timeout}.
     */
    public static void awaitLogged(BrokerClient broker, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (broker.get("api/system").path("audit_relay").path("outbox_pending").asLong(0) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Writes the three files into {@code dir} (created if needed) and returns the checkpoint they match. */
    public static Checkpoint export(BrokerClient broker, Path dir) {
        String key = broker.getText("api/log/key");
        String note = broker.getText("api/log/checkpoint");
        Checkpoint checkpoint;
        try {
            checkpoint = CheckpointVerifier.verify(note, NoteVerifierKey.parse(key));
        } catch (CheckpointException e) {
            throw new IllegalStateException("the broker's checkpoint does not verify with its own key: " + e.getMessage());
        }
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(RECORDS))) {
                for (long start = 0; start < checkpoint.size(); ) {
                    JsonNode page = broker.get("api/log/leaves?start=" + start + "&limit="
                            + Math.min(PAGE, checkpoint.size() - start));
                    if (page.path("leaves").isEmpty()) {
                        throw new IllegalStateException("the broker has no leaf " + start + " of its checkpoint of size "
                                + checkpoint.size());
                    }
                    for (JsonNode leaf : page.path("leaves")) {
                        out.write(leaf.asText().getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        start++;
                    }
                }
            }
            Files.writeString(dir.resolve(CHECKPOINT), note, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(LOG_KEY), key, StandardCharsets.UTF_8);
            return checkpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit export to " + dir, e);
        }
    }
}
