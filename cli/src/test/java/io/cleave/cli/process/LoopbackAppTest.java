package io.cleave.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When to start an application again, decided on real JVMs that bind a loopback port at start:
 * the JDK's debug agent listens on the port it is given (and the JVM stops with "bind failed:
 * Address already in use" when that port is taken), then the JVM stops because its jar has no
 * main class, a failure that is not about ports.
 */
class LoopbackAppTest {
    private static final String LABEL = "debuggee";

    private static final String PORT_TAKEN = "bind failed: Address already in use";
    private static final String NOT_A_PORT = "no main manifest attribute";
    private final AtomicInteger launches = new AtomicInteger();
    private final StringWriter out = new StringWriter();

    @TempDir
    Path root;

    @Test
    void portTaken_startsAgainOnAFreshPort_thenAnotherFailureStopsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LoopbackApp app = start(attempt -> attempt == 1 ? taken.getLocalPort() : LoopbackPorts.free());

            app.process().waitFor();
            assertTrue(app.process().tail(10).contains(PORT_TAKEN), app.process().tail(10));
            app.keepStarting();
            assertEquals(2, launches.get());
            assertEquals(LABEL + ": another process took one of its ports before it bound it; starting it again on"
                    + " fresh ports (attempt 2 of 3).\n", out.toString());

            assertGivesUp(app, " (attempt 2 of 3)", NOT_A_PORT);
            assertEquals(2, launches.get());
        }
    }

    @Test
    void portTakenAtEveryAttempt_givesUpAfterTheLastWithTheLog() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LoopbackApp app = start(attempt -> taken.getLocalPort());
            for (int attempt = 1; attempt < LoopbackApp.ATTEMPTS; attempt++) {
                app.process().waitFor();
                app.keepStarting();
            }
            assertGivesUp(app, " (attempt 3 of 3)", PORT_TAKEN);
            assertEquals(LoopbackApp.ATTEMPTS, launches.get());
            assertEquals(LoopbackApp.ATTEMPTS - 1, out.toString().lines().count(), out.toString());
        }
    }

    @Test
    void stoppedForAnotherReason_isNotStartedAgain() throws Exception {
        LoopbackApp app = start(attempt -> LoopbackPorts.free());
        assertGivesUp(app, "", NOT_A_PORT);
        assertEquals(1, launches.get());
        assertEquals("", out.toString());
    }

    /** Each attempt (counted from 1) gets the port {@code portOfAttempt} gives for it. */
    private LoopbackApp start(IntUnaryOperator portOfAttempt) {
        return new LoopbackApp(() -> launch(portOfAttempt.applyAsInt(launches.incrementAndGet())),
                new PrintWriter(out, true));
    }

    /** Once its process has stopped, {@code keepStarting} refuses with the attempt and the log line that tells why. */
    private static void assertGivesUp(LoopbackApp app, String attempt, String logLine) throws InterruptedException {
        app.process().waitFor();
        IllegalStateException stopped = assertThrows(IllegalStateException.class, app::keepStarting);
        assertTrue(stopped.getMessage().startsWith(LABEL + " stopped while starting" + attempt + "; its log ends with:\n"),
                stopped.getMessage());
        assertTrue(stopped.getMessage().contains(logLine), stopped.getMessage());
    }

    /** A jar without a main class, as the module {@code debuggee} of an installation at {@link #root}. */
    @BeforeEach
    void jarWithoutAMainClass() throws IOException {
        Path jar = root.resolve("debuggee/target/debuggee-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream empty = new JarOutputStream(file, manifest)) {
            empty.flush();
        }
    }

    /**
     * A JVM on that jar whose debug agent listens on {@code port}: it stops at once if that port is
     * taken, otherwise when it finds no main class.
     */
    private AppProcess launch(int port) {
        return AppProcess.start(Installation.at(root), "debuggee", LABEL, Map.of(), Map.of("JAVA_TOOL_OPTIONS",
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port),
                root.resolve("debuggee.log"));
    }
}
