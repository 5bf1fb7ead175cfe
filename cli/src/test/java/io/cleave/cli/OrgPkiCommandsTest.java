package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code cleave org ...} and {@code cleave provider cert ...} as a user types them, against a real
 * broker process: keys made locally, enrolment, approval, installation, issue, renew, revoke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrgPkiCommandsTest {
    private Path work;
    private AppProcess broker;
    private String url;

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
        broker = AppProcess.start(Installation.locate(), "broker", "broker", p, work.resolve("broker.log"));
        url = "http://127.0.0.1:" + http;
        BrokerClient client = new BrokerClient(url);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!client.isUp()) {
            assertTrue(broker.isAlive(), broker.tail(20));
            assertTrue(System.nanoTime() < deadline, "broker did not start");
            Thread.sleep(200);
        }
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

        Run approve = cleave("org", "approve", "acme", "--broker", url);
        assertTrue(approve.out().startsWith("approved acme: certificate "), approve.out() + approve.err());
        Run install = cleave("org", "status", "acme", "--dir", org.toString(), "--broker", url);
        assertTrue(install.out().endsWith("organisation CA of acme installed in " + org + "\n"), install.out() + install.err());

        Path provider = work.resolve("acme-cpu-1");
        Run issue = cleave("provider", "cert", "issue", "--org-dir", org.toString(), "--provider", "cpu-1", "--kind",
                "compute", "--out", provider.toString(), "--broker", url);
        assertEquals(0, issue.code(), issue.err());
        assertEquals("rw-------", mode(provider.resolve("provider-key.pem")));
        assertTrue(Files.exists(provider.resolve("provider-chain.pem")) && Files.exists(provider.resolve("federation-root.pem")));

        Run notDue = cleave("provider", "cert", "renew", "--org-dir", org.toString(), "--out", provider.toString(),
                "--if-expiring-within", "PT1H", "--broker", url);
        assertTrue(notDue.out().startsWith("not renewed: valid until "), notDue.out() + notDue.err());
        Run renew = cleave("provider", "cert", "renew", "--org-dir", org.toString(), "--out", provider.toString(),
                "--broker", url);
        assertTrue(renew.out().startsWith("renewed certificate "), renew.out() + renew.err());

        Run revoke = cleave("provider", "cert", "revoke", "--org-dir", org.toString(), "--provider", "cpu-1",
                "--broker", url);
        assertEquals("revoked 2 certificate(s) of cpu-1\n", revoke.out(), revoke.err());
        JsonNode registered = new BrokerClient(url).get("api/organisations/acme/provider-certificates");
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
        Run approve = cleave("org", "approve", "nobody", "--broker", url);
        assertEquals(1, approve.code());
        assertEquals("cleave: unknown organisation 'nobody'\n", approve.err());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
