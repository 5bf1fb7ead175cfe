package io.cleave.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cleave.cli.client.BrokerClient;

/**
 * The outcome the demo reports; {@link #json()} is the contract of the RESULT line: job_id, state,
 * mode, accuracy, auc (logistic) or r2, rmse (linear), seconds, then plaintext_accuracy (or
 * plaintext_r2), the same rows trained in plaintext locally, and how many organisations took part.
 */
public record DemoResult(String jobId, String state, String mode, String model, double accuracy, double auc, double r2,
        double rmse, double seconds, double plaintextAccuracy, double plaintextR2, int organisations) {

    public String json() {
        ObjectNode o = BrokerClient.json().createObjectNode();
        o.put("job_id", jobId);
        o.put("state", state);
        o.put("mode", mode);
        if ("LOGISTIC".equals(model)) {
            o.put("accuracy", accuracy);
            o.put("auc", auc);
        } else {
            o.put("r2", r2);
            o.put("rmse", rmse);
        }
        o.put("seconds", Math.round(seconds * 1000) / 1000.0);
        if ("LOGISTIC".equals(model)) {
            o.put("plaintext_accuracy", plaintextAccuracy);
        } else {
            o.put("plaintext_r2", plaintextR2);
        }
        o.put("organisations", organisations);
        return o.toString();
    }
}
