package io.cleave.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;

/** Follows a job until it ends, drawing a progress bar on one terminal line. */
public final class JobWatcher {
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");
    private static final int BAR = 30;
    private final BrokerClient client;
    private final PrintWriter err;

    public JobWatcher(BrokerClient client, PrintWriter err) {
        this.client = client;
        this.err = err;
    }

    /**
     * @return the job as it ended
     * @throws IllegalStateException if it has not ended within {@code timeout}
     */
    public JsonNode await(String jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastLine = "";
        while (true) {
            JsonNode job = client.get("api/jobs/" + jobId);
            String line = render(job);
            if (!line.equals(lastLine)) {
                err.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
                err.flush();
                lastLine = line;
            }
            if (TERMINAL.contains(job.path("state").asText())) {
                err.println();
                return job;
            }
            if (System.nanoTime() > deadline) {
                err.println();
                throw new IllegalStateException("job " + jobId + " did not end within " + timeout.toSeconds() + " s; it is "
                        + job.path("state").asText() + ": " + job.path("state_reason").asText());
            }
            Thread.sleep(250);
        }
    }

    static String render(JsonNode job) {
        long steps = job.path("steps").asLong();
        double done = steps == 0 ? 0 : (double) job.path("step").asLong() / steps;
        int filled = (int) Math.round(done * BAR);
        StringBuilder s = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                .append(String.format("%3.0f%%", done * 100)).append(" ").append(job.path("state").asText())
                .append(" epoch ").append(job.path("epoch").asInt()).append('/').append(job.path("epochs").asInt());
        JsonNode progress = job.path("progress");
        if (progress.size() > 0 && progress.get(progress.size() - 1).hasNonNull("loss")) {
            s.append(String.format(" loss %.4f", progress.get(progress.size() - 1).path("loss").asDouble()));
        }
        String state = job.path("state").asText();
        if ("SUBMITTED".equals(state) || "FAILED".equals(state)) {
            s.append(" - ").append(job.path("state_reason").asText());
        }
        return s.toString();
    }
}
