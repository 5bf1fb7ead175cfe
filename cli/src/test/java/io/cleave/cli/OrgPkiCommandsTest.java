package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.CommandLineBroker.Run;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.client.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    private CommandLineBroker broker;
    private Path work;
    private String url;

    @BeforeAll
    void startBroker() throws Exception {
        broker = CommandLineBroker.start("cleave-org-cli-", ADMIN_PASSWORD);
        work = broker.work();
        url = broker.url();
        Path adminTokens = broker.adminTokens();
        Run login = broker.adminLogin();
        assertEquals(0, login.code(), login.err());
        assertEquals("signed in to " + url + "/ as admin (BROKER_ADMIN); token in " + adminTokens + ", valid for 3600 s\n",
                login.out());
        assertEquals("rw-------", mode(adminTokens));
        assertEquals("rwx------", mode(adminTokens.getParent()));
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void enrolApproveIssueRenewRevoke_fullCycle() throws Exception {
        Path org = work.resolve("acme");
        Run enrol = broker.cleave("org", "enroll", "--name", "acme", "--broker", url, "--out", org.toString());
        assertEquals(0, enrol.code(), enrol.err());
        assertEquals("enrolment of acme submitted, status PENDING; key and CSR in " + org + "\n", enrol.out());
        assertEquals("rw-------", mode(org.resolve("org-ca-key.pem")));
        assertEquals("rwx------", mode(org));
        assertEquals("acme: PENDING\n", broker.cleave("org", "status", "acme", "--broker", url).out());

        Run approve = broker.admin("org", "approve", "acme");
        assertTrue(approve.out().startsWith("approved acme: certificate "), approve.out() + approve.err());
        Path acme = broker.organisationAdmin("acme");
        Run install = broker.as(acme, "org", "status", "acme", "--dir", org.toString());
        assertTrue(install.out().endsWith("organisation CA of acme installed in " + org + "\n"), install.out() + install.err());

        Path provider = work.resolve("acme-cpu-1");
        Run issue = broker.as(acme, "provider", "cert", "issue", "--org-dir", org.toString(), "--provider", "cpu-1", "--kind",
                "compute", "--out", provider.toString());
        assertEquals(0, issue.code(), issue.err());
        assertEquals("rw-------", mode(provider.resolve("provider-key.pem")));
        assertTrue(Files.exists(provider.resolve("provider-chain.pem")) && Files.exists(provider.resolve("federation-root.pem")));

        Run notDue = broker.as(acme, "provider", "cert", "renew", "--org-dir", org.toString(), "--out", provider.toString(),
                "--if-expiring-within", "PT1H");
        assertTrue(notDue.out().startsWith("not renewed: valid until "), notDue.out() + notDue.err());
        Run renew = broker.as(acme, "provider", "cert", "renew", "--org-dir", org.toString(), "--out", provider.toString());
        assertTrue(renew.out().startsWith("renewed certificate "), renew.out() + renew.err());

        Run revoke = broker.as(acme, "provider", "cert", "revoke", "--org-dir", org.toString(), "--provider", "cpu-1");
        assertEquals("revoked 2 certificate(s) of cpu-1\n", revoke.out(), revoke.err());
        JsonNode registered = new BrokerClient(url, new TokenStore(acme).tokenFor(url).orElseThrow())
                .get("api/organisations/acme/provider-certificates");
        assertEquals(2, registered.size());
        registered.forEach(c -> assertFalse(c.path("revoked_at").isNull(), c.toString()));
    }

    @Test
    void enrol_twiceIntoTheSameDirectory_refusedWithoutTouchingTheKey() throws Exception {
        Path org = work.resolve("twice");
        assertEquals(0, broker.cleave("org", "enroll", "--name", "twice", "--broker", url, "--out", org.toString()).code());
        String key = Files.readString(org.resolve("org-ca-key.pem"));
        Run again = broker.cleave("org", "enroll", "--name", "twice", "--broker", url, "--out", org.toString());
        assertEquals(1, again.code());
        assertEquals("cleave: " + org.resolve("org-ca-key.pem") + " already exists: this directory already holds an"
                + " enrolment\n", again.err());
        assertEquals(key, Files.readString(org.resolve("org-ca-key.pem")));
    }

    @Test
    void providerCert_beforeApproval_saysWhatToDo() {
        Path org = work.resolve("early");
        broker.cleave("org", "enroll", "--name", "early", "--broker", url, "--out", org.toString());
        Run issue = broker.cleave("provider", "cert", "issue", "--org-dir", org.toString(), "--provider", "cpu-1", "--kind",
                "compute", "--out", work.resolve("early-cpu").toString(), "--broker", url);
        assertEquals(1, issue.code());
        assertEquals("cleave: " + org + ": organisation not approved yet (run 'cleave org status NAME --dir " + org
                + "' after approval)\n", issue.err());
    }

    @Test
    void approve_unknownOrganisation_brokerMessage() {
        Run approve = broker.admin("org", "approve", "nobody");
        assertEquals(1, approve.code());
        assertEquals("cleave: unknown organisation 'nobody'\n", approve.err());
    }

    @Test
    void approve_notSignedIn_orAsAnOrganisation_saysWhy() throws IOException {
        Run anonymous = broker.as(work.resolve("nobody-tokens"), "org", "approve", "nobody");
        assertEquals(1, anonymous.code());
        assertEquals("cleave: not signed in (run ./cleave login)\n", anonymous.err());

        broker.cleave("org", "enroll", "--name", "initech", "--broker", url, "--out", work.resolve("initech").toString());
        broker.admin("org", "approve", "initech");
        Run refused = broker.as(broker.organisationAdmin("initech"), "org", "approve", "nobody");
        assertEquals(1, refused.code());
        assertEquals("cleave: refused: user 'initech-admin' (ORG_ADMIN of 'initech') may not POST /api/organisations/nobody/approve\n",
                refused.err());
    }

    @Test
    void login_wrongPassword_brokerMessage_andNoTokenStored() throws IOException {
        Path tokens = work.resolve("wrong-tokens").resolve("token");
        Run login = broker.cleave("login", "--user", "admin", "--password-file", broker.secret("wrong", "not the password").toString(),
                "--broker", url, "--token-file", tokens.toString());
        assertEquals(1, login.code());
        assertEquals("cleave: wrong username or password\n", login.err());
        assertFalse(Files.exists(tokens));
    }
}
