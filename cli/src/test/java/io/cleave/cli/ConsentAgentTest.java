package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.CommandLineBroker.Organisation;
import io.cleave.cli.CommandLineBroker.Run;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.process.AppCommands;
import io.cleave.cli.process.Installation;
import io.cleave.cli.process.LoopbackApp;
import io.cleave.cli.process.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code cleave job consent-agent} against a real broker and hospital-a's real memory provider
 * (which publishes its datasets and starts with the same policy file): the agent approves the job
 * inside the policy, refuses the one outside it with the reason in the audit trail, never signs
 * twice, and leaves a job its policy asks about to an administrator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentAgentTest {
    private static final String POLICY_OF_HOSPITAL_A = """
            {"version": 1, "partners": ["compute-b", "compute-c"], "datasets": ["breast-a"],
             "modes": ["SECRET_SHARED"], "action": "auto-approve"}
            """;
    private static final String POLICY_OF_COMPUTE_B = """
            {"version": 1, "partners": ["hospital-a", "compute-c"], "datasets": [],
             "modes": ["SECRET_SHARED"], "action": "ask"}
            """;
    private CommandLineBroker broker;
    private Organisation hospitalA;
    private Organisation computeB;
    private BrokerClient brokerAdmin;
    private Path policyOfHospitalA;

    @BeforeAll
    void startFederation() throws Exception {
        broker = CommandLineBroker.start("cleave-consent-agent-", "consent-agent-test-admin-password");
        hospitalA = broker.enrol("hospital-a");
        computeB = broker.enrol("compute-b");
        broker.enrol("compute-c");
        broker.enrol("compute-x");
        brokerAdmin = broker.adminClient();
        Path tls = broker.work().resolve("hospital-a-memory-1");
        Run issue = broker.as(hospitalA.tokens(), "provider", "cert", "issue", "--org-dir", hospitalA.dir().toString(),
                "--provider", "memory-1", "--kind", "memory", "--out", tls.toString());
        assertEquals(0, issue.code(), issue.err());
        String csv = Installation.locate().root().resolve("data/breast_cancer_wdbc.csv").toString();
        policyOfHospitalA = policy("hospital-a-policy.json", POLICY_OF_HOSPITAL_A);
        LoopbackApp memory = broker.startProcess("memory-provider", "hospital-a-memory", () -> {
            Map<String, String> p = AppCommands.memoryProperties("hospital-a", "memory-1",
                    List.of("breast-a:target:" + csv, "genomes:target:" + csv), broker.controlPlane(),
                    LoopbackPorts.free(), LoopbackPorts.free(), 64);
            p.putAll(AppCommands.tlsProperties("cleave.memory", tls));
            p.put(AppCommands.CONSENT_POLICY, policyOfHospitalA.toString());
            return p;
        }, Map.of());
        CommandLineBroker.await(memory, "published its datasets", () -> brokerAdmin.get("api/datasets").size() >= 2);
        assertTrue(Files.readString(broker.work().resolve("hospital-a-memory.log")).contains("Standing consent policy "
                + policyOfHospitalA + ": 2 partner organisation(s), datasets [breast-a], modes [SECRET_SHARED], action"
                + " AUTO_APPROVE"), "the memory provider read the policy at start");
    }

    @AfterAll
    void stopFederation() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Submits a SECRET_SHARED job of hospital-a on its dataset; returns its id and spec hash. */
    private String[] submit(String dataset, String secondComputeOrganisation) {
        Run submitted = broker.as(hospitalA.tokens(), "job", "submit", "--owner", "hospital-a", "--dataset",
                "hospital-a/" + dataset, "--compute-org", "compute-b", "--compute-org", secondComputeOrganisation,
                "--epochs", "1");
        assertEquals(0, submitted.code(), submitted.err());
        String[] words = submitted.out().strip().split(" ");
        return new String[] {words[2], words[5].replace(")", "")};
    }

    private Path policy(String name, String text) throws Exception {
        Path file = broker.work().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Run agentOnce(Organisation organisation, Path policy) {
        return broker.as(organisation.tokens(), "job", "consent-agent", "--org-dir", organisation.dir().toString(),
                "--policy", policy.toString(), "--once");
    }

    private JsonNode job(String id) {
        return brokerAdmin.get("api/jobs/" + id);
    }

    @Test
    void agent_approvesInside_refusesOutside_neverSignsTwice_leavesAskToAnAdministrator() throws Exception {
        String[] inside = submit("breast-a", "compute-c");
        String[] outside = submit("breast-a", "compute-x");
        String refusal = "outside the standing consent policy: partner 'compute-x' is outside the policy";

        Run first = agentOnce(hospitalA, policyOfHospitalA);
        assertEquals(0, first.code(), first.err());
        List<String> expected = new ArrayList<>(List.of(
                "job " + inside[0] + ": approved (spec " + inside[1].substring(0, 16) + "…), inside the standing consent"
                        + " policy, which approves such jobs; now AWAITING_CONSENT: awaiting consent from compute-b,"
                        + " compute-c",
                "job " + outside[0] + ": refused (spec " + outside[1].substring(0, 16) + "…), " + refusal
                        + "; now FAILED: refused by hospital-a: " + refusal));
        assertEquals(Set.copyOf(expected), Set.copyOf(first.out().lines().toList()), first.out());
        assertEquals(2, first.out().lines().count());

        assertEquals("FAILED", job(outside[0]).path("state").asText());
        JsonNode refused = auditRecord(outside[0], "job.consent_refuse");
        assertEquals("hospital-a", refused.path("organisation").asText());
        assertEquals(refusal, refused.path("details").path("reason").asText());
        assertEquals(outside[1], refused.path("details").path("spec_hash").asText());
        assertEquals("inside the standing consent policy, which approves such jobs",
                auditRecord(inside[0], "job.consent_approve").path("details").path("reason").asText());

        Run again = agentOnce(hospitalA, policyOfHospitalA);
        assertEquals("no job awaits the consent of hospital-a\n", again.out(), again.err());
        assertEquals(1, job(inside[0]).path("consents").size(), "hospital-a signed once");

        Run asking = agentOnce(computeB, policy("compute-b-policy.json", POLICY_OF_COMPUTE_B));
        assertEquals("job " + inside[0] + ": inside the standing consent policy, which leaves such jobs to an"
                + " administrator; to decide: ./cleave job consent " + inside[0] + " --approve|--refuse --org-dir "
                + computeB.dir() + "\n", asking.out(), asking.err());
        JsonNode waiting = job(inside[0]);
        assertEquals("AWAITING_CONSENT", waiting.path("state").asText());
        assertEquals("awaiting consent from compute-b, compute-c", waiting.path("state_reason").asText());
    }

    /** The job it submits is cancelled at the end, so that no other test's agent sees it awaiting consent. */
    @Test
    void agent_badPolicyFile_refusedNamingTheField_nothingSigned() throws Exception {
        String[] job = submit("genomes", "compute-c");
        Path bad = policy("typo-policy.json", POLICY_OF_HOSPITAL_A.replace("\"partners\"", "\"partner\""));
        Run run = agentOnce(hospitalA, bad);
        assertEquals(1, run.code());
        assertEquals("cleave: consent policy " + bad + ": unknown field 'partner' (known: action, datasets, modes,"
                + " partners, version)\n", run.err());
        assertEquals("", run.out());
        assertEquals(0, job(job[0]).path("consents").size());
        Run cancel = broker.as(hospitalA.tokens(), "job", "cancel", job[0]);
        assertEquals(0, cancel.code(), cancel.err());
    }

    private JsonNode auditRecord(String jobId, String action) {
        for (JsonNode record : brokerAdmin.get("api/audit?limit=1000&subject=" + jobId).path("records")) {
            if (action.equals(record.path("action").asText())) {
                return record;
            }
        }
        throw new AssertionError("no " + action + " record for job " + jobId);
    }
}
