package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.client.TokenStore;
import io.cleave.cli.process.AppProcess;
import io.cleave.cli.process.Installation;
import io.cleave.cli.process.LoopbackApp;
import io.cleave.cli.process.LoopbackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real broker process, and {@code ./cleave} commands as users type them against it: the
 * broker administrator's and each organisation administrator's, each with its own token file.
 * Closing it stops every process it started and removes its work folder.
 */
final class CommandLineBroker implements AutoCloseable {
    private final Path work;
    /** Set by each attempt to start the broker, on the ports that attempt drew. */
    private volatile String url;
    private volatile String controlPlane;
    private final Path adminTokens;
    private final List<AppProcess> processes = new ArrayList<>();
    private Run adminLogin;

    /** What one command printed and returned. */
    record Run(int code, String out, String err) {
    }

    private CommandLineBroker(Path work) {
        this.work = work;
        this.adminTokens = work.resolve("admin-tokens").resolve("token");
    }

    /** How the broker learns its administrator's password. */
    enum AdminPassword {
        /** {@code CLEAVE_ADMIN_PASSWORD}, as the demo gives it. */
        FROM_ENVIRONMENT,
        /** A secret file named by {@code cleave.broker.admin-password-file}, as compose gives it. */
        FROM_FILE
    }

    /** Starts the broker with this administrator password in its environment and signs in as its administrator. */
    static CommandLineBroker start(String prefix, String adminPassword) throws Exception {
        return start(prefix, adminPassword, AdminPassword.FROM_ENVIRONMENT);
    }

    /**
     * Starts the broker with this administrator password, given to it as {@code given}, and signs
     * in as its administrator with {@code cleave login}, the password in {@link #adminPasswordFile()}.
     */
    static CommandLineBroker start(String prefix, String adminPassword, AdminPassword given) throws Exception {
        CommandLineBroker broker = new CommandLineBroker(Files.createTempDirectory(prefix));
        Path passwordFile = broker.secret("admin", adminPassword);
        Map<String, String> environment = given == AdminPassword.FROM_FILE ? Map.of()
                : Map.of("CLEAVE_ADMIN_PASSWORD", adminPassword);
        LoopbackApp app = broker.startProcess("broker", "broker", () -> {
            int http = LoopbackPorts.free();
            int grpc = LoopbackPorts.free();
            broker.url = "http://127.0.0.1:" + http;
            broker.controlPlane = "127.0.0.1:" + grpc;
            Map<String, String> p = new LinkedHashMap<>();
            p.put("micronaut.server.port", String.valueOf(http));
            p.put("grpc.server.port", String.valueOf(grpc));
            p.put("cleave.broker.data-dir", broker.work.resolve("broker").toString());
            if (given == AdminPassword.FROM_FILE) {
                p.put("cleave.broker.admin-password-file", passwordFile.toString());
            }
            return p;
        }, environment);
        await(app, "the broker answers", () -> new BrokerClient(broker.url).isUp());
        broker.adminLogin = broker.cleave("login", "--user", "admin", "--password-file", passwordFile.toString(),
                "--broker", broker.url, "--token-file", broker.adminTokens.toString());
        return broker;
    }

    /**
     * Waits up to 3 minutes for {@code condition}, starting the application again on fresh ports if
     * another process took one of them first, and failing at once with its log if it stopped for
     * another reason.
     */
    static void await(LoopbackApp app, String condition, BooleanSupplier met) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!met.getAsBoolean()) {
            app.keepStarting();
            assertTrue(System.nanoTime() < deadline, app.process().label() + ": not yet " + condition
                    + " after 3 minutes\n" + app.process().tail(30));
            Thread.sleep(200);
        }
    }

    /**
     * Starts an application module next to the broker, stopped (in reverse order) on close; output
     * in {@code <label>.log}. Its ports are free when {@code properties} draws them, but closed again
     * before the child binds them, so the caller waits with {@link #await}, which starts it again on
     * freshly drawn ports if another process took one first.
     */
    LoopbackApp startProcess(String module, String label, Supplier<Map<String, String>> properties,
            Map<String, String> environment) {
        return new LoopbackApp(() -> {
            AppProcess process = AppProcess.start(Installation.locate(), module, label, properties.get(), environment,
                    work.resolve(label + ".log"));
            processes.add(process);
            return process;
        }, new PrintWriter(System.out, true));
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

    /** The file holding the broker administrator's password. */
    Path adminPasswordFile() {
        return work.resolve("admin.password");
    }

    /** The broker's API as its administrator, with the token {@code cleave login} stored at start. */
    BrokerClient adminClient() {
        return new BrokerClient(url, new TokenStore(adminTokens).tokenFor(url).orElseThrow());
    }

    /** What the broker administrator's {@code cleave login} at start printed. */
    Run adminLogin() {
        return adminLogin;
    }

    /** Writes a password to {@code <name>.password} in the work folder, as a secret file. */
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

    /** Stops every process, then removes the work folder: it holds private keys and passwords. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + work, e);
        }
    }
}
