package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.process.Installation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./cleave} script as a user runs it. An integration test: it needs the packaged jars, so
 * failsafe runs it after {@code package}.
 */
class CleaveLauncherIT {

    @Test
    void cleaveDemoExitWhenDone_printsResultAsLastLine(@TempDir Path work) throws Exception {
        Path root = Installation.locate().root();
        Path output = work.resolve("stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("cleave").toString(), "demo", "--exit-when-done",
                "--http-port", "0", "--work-dir", work.resolve("demo").toString())
                .directory(root.toFile()).redirectOutput(output.toFile()).redirectError(work.resolve("err.txt").toFile());
        pb.environment().put("CLEAVE_SKIP_BUILD", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the demo did not finish within 10 minutes");
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join("\n", lines) + Files.readString(work.resolve("err.txt")));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("RESULT {"), last);
        JsonNode result = BrokerClient.json().readTree(last.substring("RESULT ".length()));
        assertEquals(List.of("job_id", "state", "mode", "accuracy", "auc", "seconds", "plaintext_accuracy"),
                iterate(result.fieldNames()));
        assertEquals("COMPLETED", result.path("state").asText());
        assertEquals("TRUSTED", result.path("mode").asText());
        assertTrue(result.path("accuracy").asDouble() >= 0.93, last);
        assertTrue(result.path("auc").asDouble() > 0.9, last);
        assertTrue(result.path("seconds").asDouble() > 0, last);
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
