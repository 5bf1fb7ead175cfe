package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.pki.OrgDirectory;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * An organisation's decision on a job, signed on its side: the command fetches the canonical spec,
 * hashes it itself (it does not take the broker's word for the hash), shows what the job does,
 * and signs the decision with the organisation key from its folder.
 */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "Approve or refuse a job for your organisation, signed with its key.")
public final class JobConsentCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "JOB")
    String jobId;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;
    @Option(names = "--org-dir", required = true, description = "The organisation folder made by 'cleave org enroll'.")
    Path orgDir;
    @Option(names = "--reason", description = "Why (shown with a refusal).")
    String reason;

    static final class Decision {
        @Option(names = "--approve", required = true)
        boolean approve;
        @Option(names = "--refuse", required = true)
        boolean refuse;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Consent.Decision d = decision.approve ? Consent.Decision.APPROVE : Consent.Decision.REFUSE;
            Decided decided = decide(broker.client(), jobId, new OrgDirectory(orgDir), d, reason);
            out.println(summary(decided.spec()));
            out.println(decided.organisation() + " " + (decision.approve ? "approved" : "refused") + " job " + jobId
                    + " (spec " + decided.spec().hashHex() + "): " + decided.state().path("state").asText() + ", "
                    + decided.state().path("state_reason").asText());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the decision: " + e.getMessage(), e);
        }
    }

    /** A signed decision as the broker recorded it. */
    public record Decided(String organisation, JointSpec spec, JsonNode state) {
    }

    /**
     * Fetches the canonical spec, checks its hash and job id on this side, signs the decision with
     * the organisation key and sends it.
     */
    public static Decided decide(BrokerClient client, String jobId, OrgDirectory dir, Consent.Decision decision, String reason)
            throws IOException, GeneralSecurityException {
        return decide(client, verifiedSpec(client.get("api/jobs/" + jobId + "/spec"), jobId), dir, decision, reason);
    }

    /**
     * The canonical spec of {@code GET /api/jobs/{jobId}/spec}, hashed on this side: whoever signs
     * signs these bytes, the ones it judged, never a second fetch.
     *
     * @throws GeneralSecurityException if the bytes are not job {@code jobId} or do not match the broker's hash
     */
    public static JointSpec verifiedSpec(JsonNode view, String jobId) throws GeneralSecurityException {
        JointSpec joint = JointSpec.parse(Base64.getDecoder().decode(view.path("canonical").asText()));
        if (!joint.spec().getJobId().equals(jobId) || !joint.hashHex().equals(view.path("spec_hash").asText())) {
            throw new GeneralSecurityException("the broker's spec for job " + jobId + " does not match its hash");
        }
        return joint;
    }

    /** Signs the decision on {@code joint} with the organisation key and sends it. */
    public static Decided decide(BrokerClient client, JointSpec joint, OrgDirectory dir, Consent.Decision decision,
            String reason) throws IOException, GeneralSecurityException {
        String organisation = dir.organisation();
        String jobId = joint.spec().getJobId();
        byte[] signature = Consent.sign(dir.organisationKey().signer(), jobId, organisation, decision, joint.hash());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisation);
        body.put("decision", decision.name());
        body.put("signature", Base64.getEncoder().encodeToString(signature));
        body.put("reason", reason);
        return new Decided(organisation, joint, client.post("api/jobs/" + jobId + "/consents", body));
    }

    static String summary(JointSpec joint) {
        var s = joint.spec();
        return "job " + s.getJobId() + " '" + s.getName() + "' of " + s.getOwner() + ": " + s.getMode() + " "
                + s.getModel() + ", " + s.getParameters().getEpochs() + " epochs, datasets "
                + s.getDatasetsList().stream().map(d -> d.getOrganisation() + "/" + d.getName())
                        .collect(Collectors.joining(", "))
                + "; compute " + s.getComputeOrganisationsList() + "; model to " + s.getRecipientsList()
                + (s.getOpenEpochLoss() ? "; the per-epoch loss is opened to the owner" : "; nothing is opened");
    }
}
