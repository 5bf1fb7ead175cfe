package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.process.AppProcess;
import io.cleave.cli.process.Installation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real broker process, and {@code ./cleave} commands as users type them against it: the
 * broker administrator's and each organisation administrator's, each with its own token file.
 * Closing it stops every process it started.
 */
final class CommandLineBroker implements AutoCloseable {
    private final Path work;
    private final String url;
    private final String controlPlane;
    private final Path adminTokens;
    private final List<AppProcess> processes = new ArrayList<>();
    private Run adminLogin;

    /** What one command printed and returned. */
    record Run(int code, String out, String err) {
    }

    private CommandLineBroker(Path work, int httpPort, int grpcPort) {
        this.work = work;
        this.url = "http://127.0.0.1:" + httpPort;
        this.controlPlane = "127.0.0.1:" + grpcPort;
        this.adminTokens = work.resolve("admin-tokens").resolve("token");
    }

    /** Starts the broker with this administrator password and signs in as its administrator. */
    static CommandLineBroker start(String prefix, String adminPassword) throws Exception {
        CommandLineBroker broker = new CommandLineBroker(Files.createTempDirectory(prefix), freePort(), freePort());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", broker.url.substring(broker.url.lastIndexOf(':') + 1));
        p.put("grpc.server.port", broker.controlPlane.substring(broker.controlPlane.lastIndexOf(':') + 1));
        p.put("cleave.broker.data-dir", broker.work.resolve("broker").toString());
        AppProcess process = broker.startProcess("broker", "broker", p, Map.of("CLEAVE_ADMIN_PASSWORD", adminPassword));
        BrokerClient client = new BrokerClient(broker.url);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!client.isUp()) {
            assertTrue(process.isAlive(), process.tail(20));
            assertTrue(System.nanoTime() < deadline, "broker did not start");
            Thread.sleep(200);
        }
        broker.adminLogin = broker.cleave("login", "--user", "admin", "--password-file",
                broker.secret("admin", adminPassword).toString(), "--broker", broker.url, "--token-file",
                broker.adminTokens.toString());
        return broker;
    }

    /** Starts an application module next to the broker, stopped (in reverse order) on close; output in {@code <label>.log}. */
    AppProcess startProcess(String module, String label, Map<String, String> properties,
            Map<String, String> environment) {
        AppProcess process = AppProcess.start(Installation.locate(), module, label, properties, environment,
                work.resolve(label + ".log"));
        processes.add(process);
        return process;
    }

    Path work() {
        return work;
    }

    String url() {
        return url;
    }

    /** "host:port" of the broker's control plane, for providers. */
    String controlPlane() {
        return controlPlane;
    }

    Path adminTokens() {
        return adminTokens;
    }

    /** What the broker administrator's {@code cleave login} at start printed. */
    Run adminLogin() {
        return adminLogin;
    }

    Path secret(String name, String value) throws IOException {
        Path file = work.resolve(name + ".password");
        Files.writeString(file, value + "\n");
        return file;
    }

    /** A command as the broker administrator. */
    Run admin(String... args) {
        return as(adminTokens, args);
    }

    /** A command against this broker with the tokens of {@code tokens}. */
    Run as(Path tokens, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--broker";
        all[args.length + 1] = url;
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = tokens.toString();
        return cleave(all);
    }

    Run cleave(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = CleaveCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    /** The organisation's first administrator: created by the broker administrator, replaces its one-time password. */
    Path organisationAdmin(String organisation) throws IOException {
        Run created = admin("user", "create", organisation + "-admin", "--role", "ORG_ADMIN", "--org", organisation);
        assertEquals(0, created.code(), created.err());
        String oneTime = created.out().substring(created.out().lastIndexOf(' ') + 1).strip();
        Path tokens = work.resolve(organisation + "-tokens");
        Run login = as(tokens, "login", "--user", organisation + "-admin", "--password-file",
                secret(organisation + "-one-time", oneTime).toString(), "--new-password-file",
                secret(organisation + "-chosen", organisation + " admin passphrase").toString());
        assertEquals(0, login.code(), login.err());
        assertEquals("The password of " + organisation + "-admin is a one-time password: choose your own.\n", login.err());
        assertTrue(login.out().startsWith("signed in to " + url + "/ as " + organisation + "-admin (ORG_ADMIN of "
                + organisation + ")"), login.out());
        return tokens;
    }

    /** An organisation enrolled as its people do it: its own folder of keys, and its administrator's tokens. */
    record Organisation(String name, Path dir, Path tokens) {
    }

    /** {@code org enroll}, {@code org approve} by the broker administrator, the first administrator, {@code org status --dir}. */
    Organisation enrol(String organisation) throws IOException {
        Path dir = work.resolve(organisation);
        Run enrol = cleave("org", "enroll", "--name", organisation, "--broker", url, "--out", dir.toString());
        assertEquals(0, enrol.code(), enrol.err());
        Run approve = admin("org", "approve", organisation);
        assertEquals(0, approve.code(), approve.err());
        Path tokens = organisationAdmin(organisation);
        Run install = as(tokens, "org", "status", organisation, "--dir", dir.toString());
        assertEquals(0, install.code(), install.err());
        return new Organisation(organisation, dir, tokens);
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
