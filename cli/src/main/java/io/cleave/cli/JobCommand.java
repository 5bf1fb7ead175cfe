package io.cleave.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Jobs: submit, follow, fetch the model, cancel. */
@Command(name = "job", description = "Jobs: submit, list, status, watch, consent, consent-agent, model, fetch-model, cancel.", mixinStandardHelpOptions = true,
        subcommands = {JobCommand.Submit.class, JobCommand.ListJobs.class, JobCommand.Status.class,
            JobCommand.Watch.class, JobCommand.Model.class, JobCommand.Cancel.class, JobConsentCommand.class,
            JobConsentAgentCommand.class, FetchModelCommand.class})
final class JobCommand {

    @Command(name = "submit", description = "Submit a joint training job.")
    static final class Submit implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Option(names = "--owner", required = true, description = "The organisation that owns the job.")
        String owner;
        @Option(names = "--dataset", required = true, description = "Dataset id or ORG/NAME; repeat to join rows.")
        List<String> datasets;
        @Option(names = "--name", description = "A name for people.")
        String name;
        @Option(names = "--model", defaultValue = "LOGISTIC", description = "LOGISTIC or LINEAR (default ${DEFAULT-VALUE}).")
        String model;
        @Option(names = "--mode", defaultValue = "SECRET_SHARED",
                description = "SECRET_SHARED or TRUSTED (default ${DEFAULT-VALUE}).")
        String mode;
        @Option(names = "--compute-org", required = true,
                description = "Organisation whose compute provider runs the job; twice for SECRET_SHARED (party 0, party 1).")
        List<String> computeOrganisations;
        @Option(names = "--epochs", defaultValue = "10")
        int epochs;
        @Option(names = "--batch-size", defaultValue = "32")
        int batchSize;
        @Option(names = "--learning-rate", defaultValue = "0.1")
        double learningRate;
        @Option(names = "--l2", defaultValue = "0")
        double l2;
        @Option(names = "--seed", defaultValue = "1")
        long seed;
        @Option(names = "--test-fraction", defaultValue = "0.25")
        double testFraction;
        @Option(names = "--open-loss", description = "Declared leakage: let the owner see the per-epoch training loss.")
        boolean openLoss;
        @Option(names = "--recipient", description = "Organisation that receives the model; repeat (default: the owner).")
        List<String> recipients;
        @Option(names = "--wait", description = "Follow the job with a progress bar until it ends.")
        boolean await;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("owner", owner);
            body.put("datasets", datasets);
            body.put("name", name);
            body.put("model", model.toUpperCase(java.util.Locale.ROOT));
            body.put("mode", mode.toUpperCase(java.util.Locale.ROOT));
            body.put("epochs", epochs);
            body.put("batch_size", batchSize);
            body.put("learning_rate", learningRate);
            body.put("l2", l2);
            body.put("seed", seed);
            body.put("test_fraction", testFraction);
            body.put("open_loss", openLoss);
            body.put("recipients", recipients);
            body.put("compute_organisations", computeOrganisations);
            var job = broker.client().post("api/jobs", body);
            PrintWriter out = spec.commandLine().getOut();
            out.println("submitted job " + job.path("id").asText() + " (spec hash " + job.path("spec_hash").asText() + ")");
            if (await) {
                Watch watch = new Watch();
                watch.broker = broker;
                watch.spec = spec;
                watch.job = job.path("id").asText();
                watch.follow();
            }
        }
    }

    @Command(name = "list", description = "List jobs, newest first.")
    static final class ListJobs implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Printing.table(spec.commandLine().getOut(), broker.client().get("api/jobs"),
                    List.of("id", "name", "owner", "mode", "state", "epoch", "epochs", "submitted_at"));
        }
    }

    /** A command about one job: the broker to ask and the job's id. */
    abstract static class OnJob implements Runnable {
        @Mixin
        BrokerOptions broker;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "JOB", description = "The job's id.")
        String job;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void follow() {
            try {
                var end = new JobWatcher(broker.client(), spec.commandLine().getErr()).await(job, Duration.ofHours(24));
                out().println(end.path("state").asText() + ": " + end.path("state_reason").asText());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "status", description = "A job's spec, parties, progress and result as JSON.")
    static final class Status extends OnJob {
        @Override
        public void run() {
            Printing.json(out(), broker.client().get("api/jobs/" + job));
        }
    }

    @Command(name = "watch", description = "Follow a job with a progress bar until it ends.")
    static final class Watch extends OnJob {
        @Override
        public void run() {
            follow();
        }
    }

    @Command(name = "model", description = "The trained model of a TRUSTED job, as JSON.")
    static final class Model extends OnJob {
        @Override
        public void run() {
            Printing.json(out(), broker.client().get("api/jobs/" + job + "/model"));
        }
    }

    @Command(name = "cancel", description = "Cancel a job that has not ended.")
    static final class Cancel extends OnJob {
        @Override
        public void run() {
            var j = broker.client().post("api/jobs/" + job + "/cancel", Map.of());
            out().println(j.path("state").asText() + ": " + j.path("state_reason").asText());
        }
    }
}
