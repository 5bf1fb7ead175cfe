package io.cleave.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.client.BrokerClient;
import io.cleave.training.LinearModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: kill -9 one compute party mid-training; the job pauses, resumes when the party
 * restarts, and ends with the same model as an uninterrupted run with the same seed. The broker,
 * both hospitals' memory providers and both compute providers are separate JVMs on real sockets;
 * the demo's own job is the uninterrupted run, and the same job submitted again is the one whose
 * party 1 (compute-c) is killed with SIGKILL once both parties checkpointed an epoch. Comparing
 * two jobs exactly needs the same randomness in both, so this federation runs with the INSECURE
 * test-only fixed seeds (the demo never does).
 */
class KilledComputePartyResumeTest {
    private static final int EPOCHS = 40;
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @Test
    void killedComputeParty_jobPausesResumesFromCheckpoint_sameModelAsUninterruptedRun(@TempDir Path work)
            throws Exception {
        StringWriter out = new StringWriter();
        DemoSettings settings = DemoSettings.of(null, null, null, EPOCHS, 0, work.resolve("demo"));
        List<String> states = new ArrayList<>();
        List<LinearModel> models = new ArrayList<>();
        List<JsonNode> records = new ArrayList<>();
        try (DemoRun run = new DemoRun(settings, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))) {
            run.useInsecureFixedSeedsForTesting(20_261_127L);
            DemoResult uninterrupted = run.execute(live -> {
                try {
                    BrokerClient client = live.client();
                    models.add(run.fetchModelForTesting(live.jobId(), "hospital-a"));
                    String job = run.submitAgainForTesting();
                    JsonNode training = await(client, job, j -> "RUNNING".equals(j.path("state").asText())
                            && j.path("epoch").asInt() >= 2, "epoch 2");
                    states.add("RUNNING at epoch " + Math.min(2, training.path("epoch").asInt()));
                    run.killComputeProviderForTesting("compute-c");
                    JsonNode paused = await(client, job, j -> !"RUNNING".equals(j.path("state").asText()), "a pause");
                    states.add(paused.path("state").asText());
                    states.add(paused.path("state_reason").asText().replaceAll("'compute-c'", "ORG")
                            .replaceAll("after epoch [0-9]+", "after epoch K"));
                    run.restartComputeProviderForTesting("compute-c");
                    states.add(await(client, job, j -> !"PAUSED".equals(j.path("state").asText()), "the resume")
                            .path("state").asText());
                    JsonNode end = await(client, job, j -> List.of("COMPLETED", "FAILED", "CANCELLED")
                            .contains(j.path("state").asText()), "the end");
                    states.add(end.path("state").asText() + " " + end.path("state_reason").asText());
                    models.add(run.fetchModelForTesting(job, "hospital-a"));
                    client.get("api/audit?limit=1000&subject=" + job).path("records").forEach(records::add);
                } catch (Exception e) {
                    throw new AssertionError(e + "\n" + out, e);
                }
            });
            assertEquals("COMPLETED", uninterrupted.state(), out.toString());
        }
        assertEquals(List.of("RUNNING at epoch 2", "PAUSED", "provider 'compute-1' of ORG (party-1) disconnected; the "
                + "job resumes after epoch K when it returns", "RUNNING", "COMPLETED model delivered, sealed to "
                + "[hospital-a, hospital-b]"), states, out.toString());
        assertArrayEquals(models.get(0).weights(), models.get(1).weights(), "the resumed job's model is the same model");
        assertEquals(models.get(0).bias(), models.get(1).bias());
        List<String> actions = records.stream().map(r -> r.path("action").asText()).toList();
        JsonNode resumed = records.stream().filter(r -> "job.running".equals(r.path("action").asText())
                && "PAUSED".equals(r.path("details").path("from").asText())).findFirst().orElseThrow(() ->
                        new AssertionError("no resume in " + actions));
        int resumeAfter = resumed.path("details").path("resume_after_epoch").asInt();
        assertTrue(resumeAfter >= 1, "resumed from a checkpoint, not from the start: " + resumed);
        assertEquals(2, resumed.path("details").path("attempt").asInt());
        assertTrue(actions.indexOf("job.paused") < actions.indexOf("job.completed"), actions.toString());
        assertTrue(actions.stream().filter("job.checkpointed"::equals).count() >= 2 * resumeAfter, actions.toString());
    }

    private static JsonNode await(BrokerClient client, String job, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode j = client.get("api/jobs/" + job);
            if (condition.test(j)) {
                return j;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " did not reach " + what + " within " + PATIENCE.toSeconds()
                        + " s: " + j.path("state").asText() + " " + j.path("state_reason").asText());
            }
            Thread.sleep(20);
        }
    }
}
