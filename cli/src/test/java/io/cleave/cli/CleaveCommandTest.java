package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's handling of bad input, and help on every command. */
class CleaveCommandTest {

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
    void computeProvider_excacheBelowOneMiB_refusedBeforeStarting() {
        StringWriter err = new StringWriter();
        var cl = CleaveCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("compute-provider", "--org", "compute-b", "--tls-dir", "keys", "--excache-mb", "0"));
        assertEquals("cleave: --excache-mb must be a whole number of MiB from 1 to 8796093022207, found 0",
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
