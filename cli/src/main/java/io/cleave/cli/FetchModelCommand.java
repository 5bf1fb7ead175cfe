package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.pki.OrgDirectory;
import io.cleave.crypto.HpkeKeyPair;
import io.cleave.crypto.SealedBox;
import io.cleave.federation.ModelDelivery;
import io.cleave.mpc.SharedModel;
import io.cleave.training.LinearModel;
import io.cleave.training.ModelKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A result recipient takes its model: it opens both parties' sealed shares with its own HPKE key,
 * checks each against its commitment and the pair against the model commitment the audit log
 * holds, and adds them up, all on its side. The broker only ever held the sealed boxes.
 */
@Command(name = "fetch-model", mixinStandardHelpOptions = true,
        description = "Reconstruct a SECRET_SHARED job's model from the shares sealed to your organisation.")
public final class FetchModelCommand implements Runnable {
    @Mixin
    BrokerOptions broker;
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "JOB")
    String jobId;
    @Option(names = "--key", required = true, description = "The recipient organisation's folder (its results key).")
    Path keyDir;
    @Option(names = "--out", required = true, description = "Where to write the model (JSON).")
    Path out;

    @Override
    public void run() {
        try {
            OrgDirectory dir = new OrgDirectory(keyDir);
            LinearModel model = fetch(broker.client(), jobId, dir.organisation(), dir.resultKey());
            ObjectNode json = BrokerClient.json().createObjectNode();
            json.put("job_id", jobId);
            json.put("kind", model.kind().name());
            var view = broker.client().get("api/jobs/" + jobId + "/sealed-model?recipient=" + dir.organisation());
            json.set("features", view.path("features"));
            var weights = json.putArray("weights");
            for (double w : model.weights()) {
                weights.add(w);
            }
            json.put("bias", model.bias());
            json.put("model_commitment", view.path("model_commitment").asText());
            Files.writeString(out, BrokerClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
            PrintWriter printer = spec.commandLine().getOut();
            printer.println("model of job " + jobId + " reconstructed from the two shares sealed to "
                    + dir.organisation() + "; commitments match the audit log; written to " + out);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot fetch the model of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens and checks both shares sealed to {@code recipient} and reconstructs the model.
     *
     * @throws GeneralSecurityException if a box does not open or a commitment does not match the audit log
     */
    public static LinearModel fetch(BrokerClient client, String jobId, String recipient, HpkeKeyPair key)
            throws GeneralSecurityException {
        JsonNode view = client.get("api/jobs/" + jobId + "/sealed-model?recipient=" + recipient);
        if (!"COMPLETED".equals(view.path("state").asText()) || view.path("shares").size() != 2) {
            throw new GeneralSecurityException("job " + jobId + " has no delivered model for " + recipient + " (state "
                    + view.path("state").asText() + ")");
        }
        byte[][] shares = new byte[2][];
        byte[][] commitments = new byte[2][];
        for (JsonNode share : view.path("shares")) {
            int party = share.path("party").asInt();
            commitments[party] = HexFormat.of().parseHex(share.path("commitment").asText());
            shares[party] = ModelDelivery.open(jobId, party, recipient, key,
                    SealedBox.decode(Base64.getDecoder().decode(share.path("sealed_box").asText())), commitments[party]);
        }
        String logged = auditedModelCommitment(client, jobId, recipient);
        if (!HexFormat.of().formatHex(ModelDelivery.modelCommitment(commitments[0], commitments[1])).equals(logged)) {
            throw new GeneralSecurityException("the shares' commitments do not match the model commitment in the audit "
                    + "log (" + logged + ")");
        }
        ModelKind kind = "LINEAR".equals(view.path("model_kind").asText()) ? ModelKind.LINEAR : ModelKind.LOGISTIC;
        return SharedModel.reconstruct(kind, shares[0], shares[1]);
    }

    /** The model commitment as the delivery record in the recipient's own audit trail states it. */
    private static String auditedModelCommitment(BrokerClient client, String jobId, String recipient)
            throws GeneralSecurityException {
        for (JsonNode record : client.get("api/audit?limit=1000&subject=" + jobId).path("records")) {
            if ("job.model_delivered".equals(record.path("action").asText())
                    && recipient.equals(record.path("organisation").asText())) {
                return record.path("details").path("model_commitment").asText();
            }
        }
        throw new GeneralSecurityException("the audit log has no delivery record of job " + jobId + " for " + recipient);
    }
}
