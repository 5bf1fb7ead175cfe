package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.process.Installation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./cleave} script as a user runs it, and the command line's handling of bad input. */
class CleaveLauncherTest {

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
        assertEquals(List.of("job_id", "state", "mode", "accuracy", "auc", "seconds", "plaintext_accuracy",
                "organisations"), iterate(result.fieldNames()));
        assertEquals("COMPLETED", result.path("state").asText());
        assertEquals("SECRET_SHARED", result.path("mode").asText());
        assertEquals(4, result.path("organisations").asInt());
        assertEquals(result.path("plaintext_accuracy").asDouble(), result.path("accuracy").asDouble(), 0.005, last);
        assertTrue(result.path("accuracy").asDouble() >= 0.93, last);
        assertTrue(result.path("auc").asDouble() > 0.9, last);
        assertTrue(result.path("seconds").asDouble() > 0, last);
    }

    private static List<String> iterate(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void demo_raggedCsv_refusedBeforeAnythingStarts(@TempDir Path work) throws Exception {
        Path csv = work.resolve("bad.csv");
        Files.writeString(csv, "a,b,target\n1,2,0\n3,1\n");
        StringWriter err = new StringWriter();
        var cl = CleaveCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("demo", "--data", csv.toString(), "--work-dir", work.resolve("demo").toString());
        assertEquals(1, code);
        assertEquals("cleave: bad.csv line 3: expected 3 cells as in the header, found 2", err.toString().strip());
        assertTrue(Files.notExists(work.resolve("demo")), "nothing may be started or written");
    }

    @Test
    void demo_missingLabelColumn_refusedNamingColumns(@TempDir Path work) throws Exception {
        Path csv = work.resolve("nolabel.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        StringWriter err = new StringWriter();
        var cl = CleaveCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("demo", "--data", csv.toString(), "--label", "y"));
        assertEquals("cleave: nolabel.csv line 1: no label column 'y' (columns: a, b)", err.toString().strip());
    }

    @Test
    void clientCommand_noBroker_saysSo() {
        StringWriter err = new StringWriter();
        var cl = CleaveCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("org", "list", "--broker-url", "http://127.0.0.1:1"));
        assertEquals("cleave: no broker answers at http://127.0.0.1:1/ (is it running? set --broker-url)",
                err.toString().strip());
    }

    @Test
    void everyCommand_answersHelp() {
        List<String> failures = new java.util.ArrayList<>();
        collect(CleaveCommand.commandLine(), List.of(), failures);
        assertEquals(List.of(), failures);
    }

    private static void collect(picocli.CommandLine cl, List<String> path, List<String> failures) {
        List<String> args = new java.util.ArrayList<>(path);
        args.add("--help");
        var fresh = CleaveCommand.commandLine();
        fresh.setOut(new PrintWriter(new StringWriter()));
        if (fresh.execute(args.toArray(String[]::new)) != 0) {
            failures.add(String.join(" ", args));
        }
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> next = new java.util.ArrayList<>(path);
            next.add(name);
            collect(sub, next, failures);
        });
    }
}
