package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.client.BrokerException;
import io.cleave.cli.pki.OrgDirectory;
import io.cleave.federation.Consent;
import io.cleave.federation.ConsentPolicy;
import io.cleave.federation.ConsentPolicyFile;
import io.cleave.federation.JointSpec;
import io.cleave.federation.PolicyVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Set;

/**
 * An organisation's consent agent: applies its standing policy to every job awaiting its consent,
 * signing approvals and refusals with the organisation key on this side and leaving the jobs the
 * policy asks about to an administrator. It judges and signs the same spec bytes, hashed here.
 * Not thread-safe: one agent polls at a time.
 */
final class ConsentAgent {
    private final BrokerClient client;
    private final OrgDirectory dir;
    private final Path policyFile;
    private final PrintWriter out;
    /** Jobs this agent signed a decision on, or that it will not sign: never signed (again). */
    private final Set<String> settled = new HashSet<>();
    /** Jobs left to an administrator, already shown once. */
    private final Set<String> shown = new HashSet<>();

    ConsentAgent(BrokerClient client, OrgDirectory dir, Path policyFile, PrintWriter out) {
        this.client = client;
        this.dir = dir;
        this.policyFile = policyFile;
        this.out = out;
    }

    /**
     * Reads the policy: called at every poll, so an edit applies at the next one, and a file that
     * became unreadable stops all signing.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    ConsentPolicy policy() {
        return ConsentPolicyFile.read(policyFile);
    }

    /**
     * One look at the broker: each job awaiting this organisation's consent is approved, refused or
     * shown for an administrator, one line each.
     *
     * @return how many lines it printed
     * @throws BrokerException if the broker cannot list the jobs
     */
    int poll() throws IOException {
        ConsentPolicy policy = policy();
        String organisation = dir.organisation();
        int lines = 0;
        for (JsonNode job : client.get("api/jobs")) {
            String jobId = job.path("id").asText();
            if ("AWAITING_CONSENT".equals(job.path("state").asText()) && !settled.contains(jobId)) {
                lines += handle(jobId, policy, organisation) ? 1 : 0;
            }
        }
        return lines;
    }

    private boolean handle(String jobId, ConsentPolicy policy, String organisation) throws IOException {
        JointSpec joint;
        PolicyVerdict verdict;
        try {
            JsonNode view = client.get("api/jobs/" + jobId + "/spec");
            if (!awaits(view, organisation)) {
                settled.add(jobId);
                return false;
            }
            joint = JobConsentCommand.verifiedSpec(view, jobId);
            verdict = policy.evaluate(joint, organisation);
        } catch (BrokerException e) {
            out.println("job " + jobId + ": skipped, the broker did not show its spec: " + e.getMessage());
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            settled.add(jobId);
            out.println("job " + jobId + ": not signed: " + e.getMessage());
            return true;
        }
        return switch (verdict.outcome()) {
            case APPROVE -> sign(joint, Consent.Decision.APPROVE, verdict);
            case REFUSE -> sign(joint, Consent.Decision.REFUSE, verdict);
            case ASK -> {
                if (shown.add(jobId)) {
                    out.println("job " + jobId + ": " + verdict.reason() + "; to decide: ./cleave job consent " + jobId
                            + " --approve|--refuse --org-dir " + dir.path());
                    yield true;
                }
                yield false;
            }
        };
    }

    private static boolean awaits(JsonNode view, String organisation) {
        for (JsonNode awaited : view.path("awaiting_consent_from")) {
            if (organisation.equals(awaited.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Signs and sends the decision. A decision the broker refused (4xx) is not signed again; one
     * that did not reach it is tried again at the next poll.
     */
    private boolean sign(JointSpec joint, Consent.Decision decision, PolicyVerdict verdict) throws IOException {
        String jobId = joint.spec().getJobId();
        String signed = decision == Consent.Decision.APPROVE ? "approved" : "refused";
        try {
            JsonNode state = JobConsentCommand.decide(client, joint, dir, decision, verdict.reason()).state();
            settled.add(jobId);
            out.println("job " + jobId + ": " + signed + " (spec " + joint.hashHex().substring(0, 16) + "…), "
                    + verdict.reason() + "; now " + state.path("state").asText() + ": "
                    + state.path("state_reason").asText());
        } catch (BrokerException e) {
            if (e.status() >= 400 && e.status() < 500) {
                settled.add(jobId);
            }
            out.println("job " + jobId + ": " + signed + " but not recorded: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the organisation key in " + dir.path() + ": "
                    + e.getMessage(), e);
        }
        return true;
    }
}
