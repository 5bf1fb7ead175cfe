package io.cleave.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.cli.process.LoopbackPorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo gives its processes ports found free a moment before they bind them. Here the test
 * takes the broker's REST port in that moment, as another process on a busy machine can: the
 * real broker stops with "Address already in use", and the demo starts it again on fresh ports.
 */
class DemoPortRaceTest {

    @Test
    void brokerPortTakenBeforeItBinds_brokerStartsAgainOnFreshPorts_andItsAdministratorSignsIn(@TempDir Path work)
            throws Exception {
        StringWriter out = new StringWriter();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicBoolean handedOut = new AtomicBoolean();
            IntSupplier takenFirst = () -> handedOut.getAndSet(true) ? LoopbackPorts.free() : taken.getLocalPort();
            DemoSettings settings = DemoSettings.of(null, null, null, 1, 0, work.resolve("demo"));
            try (DemoRun run = new DemoRun(settings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                    takenFirst)) {
                run.startBroker();
            }
            List<String> lines = out.toString().lines().toList();
            assertEquals(2, lines.size(), out.toString());
            assertTrue(lines.get(0).startsWith("Starting the broker (REST and dashboard on port " + taken.getLocalPort()
                    + ", control plane on "), lines.get(0));
            assertEquals("broker: another process took one of its ports before it bound it; starting it again on fresh"
                    + " ports (attempt 2 of 3).", lines.get(1));
        }
    }
}
