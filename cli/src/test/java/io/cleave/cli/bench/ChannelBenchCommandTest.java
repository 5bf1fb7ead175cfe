package io.cleave.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.CleaveCommand;
import io.cleave.cli.client.BrokerClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench command's output contract (its figures are measured by running it, not here). */
class ChannelBenchCommandTest {

    @Test
    void json_printsOneLineWithExactlyTheThreeFigures() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new ChannelBenchCommand());
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--json", "--mib", "1", "--frame-bytes", "16384"));
        String[] lines = out.toString().split("\n");
        assertEquals(1, lines.length, out.toString());
        JsonNode result = BrokerClient.json().readTree(lines[0]);
        List<String> fields = new ArrayList<>();
        result.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("sealed_mib_per_s", "raw_mib_per_s", "ratio"), fields);
        assertTrue(result.path("sealed_mib_per_s").asDouble() > 0 && result.path("raw_mib_per_s").asDouble() > 0, lines[0]);
        assertEquals(result.path("sealed_mib_per_s").asDouble() / result.path("raw_mib_per_s").asDouble(),
                result.path("ratio").asDouble(), 0.01, lines[0]);
    }

    @Test
    void registeredUnderBench_helpNamesTheJsonFlag() {
        StringWriter out = new StringWriter();
        CommandLine cl = CleaveCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("bench", "channel", "--help"));
        assertTrue(out.toString().contains("--json"), out.toString());
    }

    @Test
    void frameLargerThanTheChannelAllows_refusedWithTheLimit() {
        ChannelBenchCommand command = new ChannelBenchCommand();
        command.frameBytes = 65537;
        command.mebibytes = 1;
        var e = assertThrows(IllegalArgumentException.class, command::run);
        assertEquals("--frame-bytes must be at most 65536, got 65537", e.getMessage());
    }
}
