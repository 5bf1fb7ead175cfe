package io.cleave.broker.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.broker.FederationScenario;
import io.cleave.broker.TestDatabases;
import io.cleave.broker.auth.BrokerHttp;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.job.ConsentService;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.JobSubmission;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.pki.EnrolmentService;
import io.cleave.broker.pki.OrganisationKeyService;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a real broker (HTTP socket, H2, in-process Kafka,
 * the audit relay and its Merkle log), with state made through the broker's own services.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    OrganisationService organisations;
    @Inject
    ProviderService providers;
    @Inject
    DatasetService datasets;
    @Inject
    JobService jobs;
    @Inject
    EnrolmentService enrolments;
    @Inject
    OrganisationKeyService hpkeKeys;
    @Inject
    ConsentService consents;
    @Inject
    JsonMapper json;

    private static final String ADMIN_PASSWORD = "dashboard-test-admin-password";
    private static final String PASSWORD = "a long enough password";

    /** A job name is free text: it must show as text, never become an element. */
    private static final String MARKUP_NAME = "audited <img src=x onerror=alert(1)>";

    private HeadlessChromium chromium;
    private ChromeDriver browser;
    private FederationScenario federation;
    private String memberOneTimePassword;
    private String unscheduledJobId;

    @Override
    public Map<String, String> getProperties() {
        try {
            Map<String, String> properties = TestDatabases.h2(Files.createTempDirectory("cleave-dashboard-"));
            properties.put("cleave.admin.password", ADMIN_PASSWORD);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void startBrowserAndFederation() {
        chromium = HeadlessChromium.startOrSkip();
        browser = chromium.driver();
        federation = new FederationScenario(enrolments, hpkeKeys, providers, datasets, "a");
        enrolments.enrol(OrganisationEnrolment.createCsr("clinic-with-a-rather-long-name-for-layout").csrPem(),
                "enrolment");
        BrokerHttp http = new BrokerHttp(server.getURL(), json);
        String admin = http.login("admin", ADMIN_PASSWORD).get("access_token").toString();
        http.createUser(admin, "auditor-1", "AUDITOR", null, PASSWORD);
        http.createUser(admin, "outsider", "ORG_MEMBER", "computec-a", PASSWORD);
        var member = http.send("POST", "/api/users",
                http.text(Map.of("username", "hospital-member", "role", "ORG_MEMBER", "organisation", "hospital-a")), admin);
        assertEquals(201, member.statusCode(), member.body());
        memberOneTimePassword = http.map(member).get("one_time_password").toString();
    }

    /** Providers count as up for a while after a heartbeat; the tests outlast that. */
    @BeforeEach
    void heartbeat() {
        providers.heartbeat(federation.memory.id(), 0, 1 << 20);
        providers.heartbeat(federation.compute.id(), 2, 1 << 30);
        providers.heartbeat(federation.computeOfC.id(), 2, 1 << 30);
    }

    @Test
    @Order(7)
    void overviewAndUsers_afterTheWalk_countJobsByState_andAddAUser() {
        signIn("admin", ADMIN_PASSWORD);
        waitForText("#signed-in-as", "admin (BROKER_ADMIN)");
        open("overview");
        waitForText("#card-jobs", "COMPLETED: 2");
        waitForText("#overview-jobs", MARKUP_NAME);
        assertTrue(browser.findElements(By.cssSelector("#overview-jobs img")).isEmpty(), "a job name became markup");
        chromium.screenshot("overview");

        browser.findElement(By.id("nav-users")).click();
        waitForText("#users", "outsider");
        WebElement form = waitFor("#user-create");
        form.findElement(By.name("username")).sendKeys("hospital-admin");
        new Select(form.findElement(By.name("role"))).selectByValue("ORG_ADMIN");
        browser.findElement(By.id("user-submit")).click();
        waitForText("#user-create .field-error", "Choose the organisation.");
        new Select(form.findElement(By.name("organisation"))).selectByValue("hospital-a");
        browser.findElement(By.id("user-submit")).click();
        waitFor("#one-time-password");
        waitForText("#users", "hospital-admin");
        chromium.screenshot("users");
    }

    /** Refusals the pages expect (a 404 for an organisation without certificate) log as failed loads; nothing else may. */
    @AfterEach
    void noScriptErrors() {
        List<String> errors = chromium.consoleErrors().stream().filter(m -> !m.contains("Failed to load resource"))
                .toList();
        assertEquals(List.of(), errors);
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void open(String route) {
        browser.get(server.getURL() + "/dashboard/index.html#/" + route);
    }

    private WebElement waitFor(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(100))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void waitForText(String css, String text) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(15), Duration.ofMillis(100))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        } catch (TimeoutException e) {
            throw new AssertionError("no '" + text + "' in " + css + "; the page reads:\n"
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Signs out whoever is signed in, then signs in through the sign-in page. */
    private void signIn(String username, String password) {
        signOut();
        WebElement form = waitFor("#signin-form");
        for (var field : Map.of("username", username, "password", password).entrySet()) {
            WebElement input = form.findElement(By.name(field.getKey()));
            input.clear();
            input.sendKeys(field.getValue());
        }
        browser.findElement(By.id("signin-submit")).click();
    }

    private void signOut() {
        open("signin");
        if (!browser.findElements(By.id("sign-out")).isEmpty()) {
            browser.findElement(By.id("sign-out")).click();
            waitForText("#flash", "Signed out.");
        }
    }

    private void assertNoInternals() {
        String text = browser.findElement(By.tagName("body")).getText();
        assertFalse(text.contains("Exception") || text.contains("at io.") || text.contains("SELECT"), text);
    }

    @Test
    @Order(1)
    void overviewProvidersDatasets_showTheFederation_andNeverDataValues() {
        open("overview");
        waitFor("#signin-form");
        chromium.screenshot("signin");
        signIn("admin", "not the password");
        waitForText("#signin-message", "Wrong user name or password.");
        signIn("admin", ADMIN_PASSWORD);
        waitForText("#signed-in-as", "admin (BROKER_ADMIN)");
        waitForText("#card-providers", "3 up");
        waitForText("#card-organisations", "1 awaiting approval");

        open("providers");
        waitForText("#providers", "compute-1");
        assertTrue(browser.findElement(By.id("providers")).getText().contains("hospital-a"));
        chromium.screenshot("providers");

        open("datasets");
        waitForText("#datasets", "cancer");
        String datasetsText = browser.findElement(By.id("datasets")).getText();
        assertTrue(datasetsText.contains("569") && datasetsText.contains("2 features, label target"), datasetsText);
        assertFalse(datasetsText.contains("14.1"), "standardisation parameters are not shown: " + datasetsText);
        chromium.screenshot("datasets");
        assertNoInternals();
    }

    @Test
    @Order(2)
    void organisations_adminApprovesEnrolmentRequest_andSeesItsCertificate() {
        open("organisations");
        waitFor("[data-approve='clinic-with-a-rather-long-name-for-layout']").click();
        waitForText("#flash", "Approved clinic-with-a-rather-long-name-for-layout");
        waitForText("#enrolments", "No enrolment request is waiting.");
        waitForText("#organisations", "valid until");
        assertEquals("ACTIVE", organisations.byName("clinic-with-a-rather-long-name-for-layout").status());
        chromium.screenshot("organisations");
    }

    @Test
    @Order(3)
    void jobs_submittedFromTheForm_followedLiveToCompleted_withLossChartAndCommitment() throws Exception {
        signIn("hospital-member", memberOneTimePassword);
        WebElement change = waitFor("#password-form");
        change.findElement(By.name("new_password")).sendKeys(PASSWORD);
        change.findElement(By.name("repeat")).sendKeys(PASSWORD + " typo");
        browser.findElement(By.id("password-submit")).click();
        waitForText("#password-form .field-error", "The two passwords differ.");
        change.findElement(By.name("repeat")).clear();
        change.findElement(By.name("repeat")).sendKeys(PASSWORD);
        browser.findElement(By.id("password-submit")).click();
        waitForText("#signed-in-as", "hospital-member @ hospital-a (ORG_MEMBER)");
        open("jobs");
        waitFor("#job-submit input[name=datasets]").click();
        new Select(browser.findElement(By.id("submit-owner"))).selectByVisibleText("hospital-a");
        new Select(browser.findElement(By.id("submit-compute0"))).selectByVisibleText("compute-a");
        browser.findElement(By.cssSelector("#submit-modes input[value=TRUSTED]")).click();
        WebElement epochs = browser.findElement(By.cssSelector("#job-submit input[name=epochs]"));
        epochs.clear();
        epochs.sendKeys("0");
        browser.findElement(By.id("submit-button")).click();
        waitForText("#job-submit .field-error", "Epochs must be a whole number from 1 to 10000.");
        epochs.clear();
        epochs.sendKeys("3");
        browser.findElement(By.cssSelector("#job-submit input[name=name]")).sendKeys("browser-job");
        browser.findElement(By.id("submit-button")).click();
        waitForText("#job-title", "Job browser-job");
        String jobId = browser.getCurrentUrl().replaceAll(".*#/jobs/", "");
        waitForText("#job-mode-trust", "Trusts the compute organisation");

        waitForText("#job-state", "AWAITING_CONSENT");
        waitForText("#consent-command", "./cleave job consent " + jobId + " --org-dir keys/hospital-a --approve");
        runToCompletion(jobId, 3);
        waitForText("#job-state", "COMPLETED");
        waitForText("#job-consents", "approved");
        waitFor("#loss-chart .uplot canvas");
        waitForText("#model-commitment", "cd".repeat(32));
        waitForText("#loss-note", "after epoch 3");
        chromium.screenshot("job");

        open("jobs");
        new Select(waitFor("#job-filters select[name=state]")).selectByVisibleText("FAILED");
        waitForText("#jobs", "No job matches these filters.");
        chromium.screenshot("jobs");
    }

    @Test
    @Order(4)
    void audit_filteredToOneJob_recordVerifiedInTheBrowser_andExported() throws Exception {
        String jobId = jobs.submit(new JobSubmission(MARKUP_NAME, "hospital-a",
                List.of("hospital-a/cancer"), null, "TRUSTED", 2, null, null, null, null, null, null, true, null, List.of("compute-a"),
                null),
                "org:hospital-a").id();
        runToCompletion(jobId, 2);

        signIn("auditor-1", PASSWORD);
        waitForText("#signed-in-as", "auditor-1 (AUDITOR)");
        open("audit?job=" + jobId);
        waitForText("#audit", "job.completed");
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit tbody tr"));
        for (WebElement row : rows) {
            assertTrue(row.getText().contains(jobId), "a row of another subject: " + row.getText());
        }
        waitForText("#checkpoint-signature", "signature valid");
        WebElement verify = waitFor("#audit button[data-verify]");
        String seq = verify.getAttribute("data-verify");
        verify.click();
        waitFor("[data-verified='" + seq + "']");
        chromium.screenshot("audit");

        Path jsonl = chromium.downloads().resolve("audit.jsonl");
        Path csv = chromium.downloads().resolve("audit.csv");
        Files.deleteIfExists(jsonl);
        Files.deleteIfExists(csv);
        browser.findElement(By.id("export-jsonl")).click();
        browser.findElement(By.id("export-csv")).click();
        List<String> lines = awaitFile(jsonl);
        assertEquals(rows.size(), lines.size());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("{") && l.contains(jobId)), lines.toString());
        List<String> csvLines = awaitFile(csv);
        assertEquals("seq,id,occurred_at,organisation,actor,action,subject_type,subject_id,correlation_id,details",
                csvLines.get(0));
        assertEquals(rows.size() + 1, csvLines.size());
    }

    /** The browser's verifier itself: a flipped proof bit, a changed record and a bad signature all fail. */
    @Test
    @Order(5)
    void proofVerifier_inTheBrowser_rejectsTamperedProofRecordAndCheckpoint() throws Exception {
        unscheduledJobId = jobs.submit(new JobSubmission("tamper", "hospital-a", List.of("hospital-a/cancer"), null,
                "TRUSTED", 1, null, null, null, null, null, null, false, null, List.of("compute-a"), null), "org:hospital-a").id();
        open("audit");
        waitForText("#checkpoint-signature", "signature valid");
        Object outcome = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const p = await import("/dashboard/js/proof.js");
                  const token = JSON.parse(sessionStorage.getItem("cleave.session")).token;
                  const get = async path => (await fetch(path, { headers: { Authorization: "Bearer " + token } })).json();
                  const note = await (await fetch("/api/log/checkpoint")).text();
                  const key = p.parseVerifierKey(await (await fetch("/api/log/key")).text());
                  const checkpoint = p.parseCheckpoint(note);
                  const records = (await get("/api/audit?limit=1000")).records;
                  const record = records[1];
                  const leaf = await get("/api/log/leaf?record=" + record.id);
                  const proof = (await get("/api/log/proof/inclusion?index=" + leaf.index + "&size=" + checkpoint.size))
                    .hashes.map(p.base64ToBytes);
                  const hash = await p.leafHash(leaf.leaf);
                  const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
                  const results = [];
                  results.push(same(await p.rootFromInclusionProof(leaf.index, checkpoint.size, hash, proof), checkpoint.root));
                  const flipped = proof.map(h => h.slice());
                  flipped[0][0] ^= 1;
                  results.push(same(await p.rootFromInclusionProof(leaf.index, checkpoint.size, hash, flipped), checkpoint.root));
                  const outcome = async f => { try { await f(); return "ok"; } catch (e) { return e.message; } };
                  results.push(await outcome(() => p.rootFromInclusionProof(leaf.index, checkpoint.size, hash, proof.slice(1))));
                  results.push(await outcome(() => p.checkLeafIsRecord(leaf.leaf, { ...record, actor: "someone-else" })));
                  const forged = p.parseCheckpoint(note.replace("\\n" + checkpoint.size + "\\n", "\\n" + (checkpoint.size + 1) + "\\n"));
                  results.push(await outcome(() => p.verifyCheckpointSignature(forged, key)));
                  return results;
                })().then(done, e => done("script failed: " + e.message));
                """);
        assertEquals(List.of(true, false, "the proof is shorter than the path to the root",
                "the log leaf's actor differs from the record shown", "the checkpoint signature is not valid"), outcome);
    }

    @Test
    @Order(6)
    void anotherOrganisationsJob_refusedWithAReadableMessage_noInternals() {
        signIn("outsider", PASSWORD);
        waitForText("#signed-in-as", "outsider @ computec-a");
        open("jobs/" + unscheduledJobId);
        waitForText("#job-error", "Not allowed");
        assertNoInternals();
        chromium.screenshot("refused");
        open("jobs/no-such-job");
        waitForText("#job-error", "unknown job 'no-such-job'");
        assertNoInternals();
    }

    /**
     * Plays the organisations (each signs its consent with its own key, as the command line does),
     * the scheduler and the compute provider through the broker's services (no provider process is
     * connected here): consents, parties assigned, one report per epoch, the model's commitment.
     */
    private void runToCompletion(String jobId, int epochs) throws InterruptedException {
        JointSpec spec = jobs.jointSpec(jobId);
        for (String organisation : List.of(federation.hospital, federation.computeB)) {
            consents.decide(jobId, organisation, "APPROVE", federation.sign(organisation, spec, Consent.Decision.APPROVE),
                    null, "org:" + organisation);
        }
        jobs.schedule(jobId, List.of(
                new JobParty(new JobParty.Key(jobId, federation.memory.id(), "memory"), federation.dataset.id(),
                        "00".repeat(32)),
                new JobParty(new JobParty.Key(jobId, federation.compute.id(), "compute"), null, null)));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            jobs.reportProgress(jobId, federation.compute.id(), epoch, epoch * 10L, epochs * 10L, 0.7 / epoch, null);
            Thread.sleep(300);
        }
        jobs.finish(jobId, federation.compute.id(), true, "",
                "{\"metrics\":{\"accuracy\":0.98,\"auc\":0.99}}", "cd".repeat(32));
    }

    private static List<String> awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "the browser did not save " + file);
            Thread.sleep(100);
        }
        Thread.sleep(200);
        return Files.readAllLines(file);
    }
}
