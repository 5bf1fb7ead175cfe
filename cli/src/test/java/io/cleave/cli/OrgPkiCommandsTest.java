package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.client.TokenStore;
import io.cleave.cli.process.AppProcess;
import io.cleave.cli.process.Installation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code cleave login}, {@code cleave user ...}, {@code cleave org ...} and {@code cleave provider
 * cert ...} as a user types them, against a real broker process: sign-in, keys made locally,
 * enrolment, approval, the organisation's first administrator, installation, issue, renew, revoke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgPkiCommandsTest {
    private static final String ADMIN_PASSWORD = "org-cli-test-admin-password";
    private Path work;
    private AppProcess broker;
    private String url;
    private Path adminTokens;

    /** What one command printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeAll
    void startBroker() throws Exception {
        work = Files.createTempDirectory("cleave-org-cli-");
        int http = freePort();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", String.valueOf(http));
        p.put("grpc.server.port", String.valueOf(freePort()));
        p.put("cleave.broker.data-dir", work.resolve("broker").toString());
        broker = AppProcess.start(Installation.locate(), "broker", "broker", p,
                Map.of("CLEAVE_ADMIN_PASSWORD", ADMIN_PASSWORD), work.resolve("broker.log"));
        url = "http://127.0.0.1:" + http;
        BrokerClient client = new BrokerClient(url);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!client.isUp()) {
            assertTrue(broker.isAlive(), broker.tail(20));
            assertTrue(System.nanoTime() < deadline, "broker did not start");
            Thread.sleep(200);
        }
        adminTokens = work.resolve("admin-tokens").resolve("token");
        Run login = cleave("login", "--user", "admin", "--password-file", secret("admin", ADMIN_PASSWORD).toString(),
                "--broker", url, "--token-file", adminTokens.toString());
        assertEquals(0, login.code(), login.err());
        assertEquals("signed in to " + url + "/ as admin (BROKER_ADMIN); token in " + adminTokens + ", valid for 3600 s\n",
                login.out());
        assertEquals("rw-------", mode(adminTokens));
        assertEquals("rwx------", mode(adminTokens.getParent()));
    }

    private Path secret(String name, String value) throws IOException {
        Path file = work.resolve(name + ".password");
        Files.writeString(file, value + "\n");
        return file;
    }

    /** A command as the broker administrator. */
    private Run admin(String... args) {
        return as(adminTokens, args);
    }

    private Run as(Path tokens, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--broker";
        all[args.length + 1] = url;
        all[args.length + 2] = "--token-file";
        all[args.length + 3] = tokens.toString();
        return cleave(all);
    }

    /** The organisation's first administrator: created by the broker administrator, replaces its one-time password. */
    private Path organisationAdmin(String organisation) throws IOException {
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

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private Run cleave(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = CleaveCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void enrolApproveIssueRenewRevoke_fullCycle() throws Exception {
        Path org = work.resolve("acme");
        Run enrol = cleave("org", "enroll", "--name", "acme", "--broker", url, "--out", org.toString());
        assertEquals(0, enrol.code(), enrol.err());
        assertEquals("enrolment of acme submitted, status PENDING; key and CSR in " + org + "\n", enrol.out());
        assertEquals("rw-------", mode(org.resolve("org-ca-key.pem")));
        assertEquals("rwx------", mode(org));
        assertEquals("acme: PENDING\n", cleave("org", "status", "acme", "--broker", url).out());

        Run approve = admin("org", "approve", "acme");
        assertTrue(approve.out().startsWith("approved acme: certificate "), approve.out() + approve.err());
        Path acme = organisationAdmin("acme");
        Run install = as(acme, "org", "status", "acme", "--dir", org.toString());
        assertTrue(install.out().endsWith("organisation CA of acme installed in " + org + "\n"), install.out() + install.err());

        Path provider = work.resolve("acme-cpu-1");
        Run issue = as(acme, "provider", "cert", "issue", "--org-dir", org.toString(), "--provider", "cpu-1", "--kind",
                "compute", "--out", provider.toString());
        assertEquals(0, issue.code(), issue.err());
        assertEquals("rw-------", mode(provider.resolve("provider-key.pem")));
        assertTrue(Files.exists(provider.resolve("provider-chain.pem")) && Files.exists(provider.resolve("federation-root.pem")));

        Run notDue = as(acme, "provider", "cert", "renew", "--org-dir", org.toString(), "--out", provider.toString(),
                "--if-expiring-within", "PT1H");
        assertTrue(notDue.out().startsWith("not renewed: valid until "), notDue.out() + notDue.err());
        Run renew = as(acme, "provider", "cert", "renew", "--org-dir", org.toString(), "--out", provider.toString());
        assertTrue(renew.out().startsWith("renewed certificate "), renew.out() + renew.err());

        Run revoke = as(acme, "provider", "cert", "revoke", "--org-dir", org.toString(), "--provider", "cpu-1");
        assertEquals("revoked 2 certificate(s) of cpu-1\n", revoke.out(), revoke.err());
        JsonNode registered = new BrokerClient(url, new TokenStore(acme).tokenFor(url).orElseThrow())
                .get("api/organisations/acme/provider-certificates");
        assertEquals(2, registered.size());
        registered.forEach(c -> assertFalse(c.path("revoked_at").isNull(), c.toString()));
    }

    @Test
    void enrol_twiceIntoTheSameDirectory_refusedWithoutTouchingTheKey() throws Exception {
        Path org = work.resolve("twice");
        assertEquals(0, cleave("org", "enroll", "--name", "twice", "--broker", url, "--out", org.toString()).code());
        String key = Files.readString(org.resolve("org-ca-key.pem"));
        Run again = cleave("org", "enroll", "--name", "twice", "--broker", url, "--out", org.toString());
        assertEquals(1, again.code());
        assertEquals("cleave: " + org.resolve("org-ca-key.pem") + " already exists: this directory already holds an"
                + " enrolment\n", again.err());
        assertEquals(key, Files.readString(org.resolve("org-ca-key.pem")));
    }

    @Test
    void providerCert_beforeApproval_saysWhatToDo() {
        Path org = work.resolve("early");
        cleave("org", "enroll", "--name", "early", "--broker", url, "--out", org.toString());
        Run issue = cleave("provider", "cert", "issue", "--org-dir", org.toString(), "--provider", "cpu-1", "--kind",
                "compute", "--out", work.resolve("early-cpu").toString(), "--broker", url);
        assertEquals(1, issue.code());
        assertEquals("cleave: " + org + ": organisation not approved yet (run 'cleave org status NAME --dir " + org
                + "' after approval)\n", issue.err());
    }

    @Test
    void approve_unknownOrganisation_brokerMessage() {
        Run approve = admin("org", "approve", "nobody");
        assertEquals(1, approve.code());
        assertEquals("cleave: unknown organisation 'nobody'\n", approve.err());
    }

    @Test
    void approve_notSignedIn_orAsAnOrganisation_saysWhy() throws IOException {
        Run anonymous = as(work.resolve("nobody-tokens"), "org", "approve", "nobody");
        assertEquals(1, anonymous.code());
        assertEquals("cleave: not signed in (run ./cleave login)\n", anonymous.err());

        cleave("org", "enroll", "--name", "initech", "--broker", url, "--out", work.resolve("initech").toString());
        admin("org", "approve", "initech");
        Run refused = as(organisationAdmin("initech"), "org", "approve", "nobody");
        assertEquals(1, refused.code());
        assertEquals("cleave: refused: user 'initech-admin' (ORG_ADMIN of 'initech') may not POST /api/organisations/nobody/approve\n",
                refused.err());
    }

    @Test
    void login_wrongPassword_brokerMessage_andNoTokenStored() throws IOException {
        Path tokens = work.resolve("wrong-tokens").resolve("token");
        Run login = cleave("login", "--user", "admin", "--password-file", secret("wrong", "not the password").toString(),
                "--broker", url, "--token-file", tokens.toString());
        assertEquals(1, login.code());
        assertEquals("cleave: wrong username or password\n", login.err());
        assertFalse(Files.exists(tokens));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
