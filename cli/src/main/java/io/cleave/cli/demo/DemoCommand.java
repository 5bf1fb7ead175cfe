package io.cleave.cli.demo;

import io.cleave.cli.audit.AuditExport;
import io.cleave.transparency.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./cleave demo}: a broker and the providers of two organisations, and a joint job end to end. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a broker, the memory providers of hospital-a and hospital-b (half the rows each) and the "
                + "compute providers of compute-b and compute-c, each in its own JVM on loopback; run a joint "
                + "secret-shared training job (--mode to change it); compare it with the same trainer run locally; "
                + "leave the dashboard up until Ctrl-C.",
            "The last line with --exit-when-done is RESULT {json}."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--data", description = "A CSV with a header row (default: the breast-cancer dataset shipped in data/).")
    Path data;
    @Option(names = "--label", description = "The label column of --data (default: target).")
    String label;
    @Option(names = "--model", description = "LOGISTIC or LINEAR (default: LOGISTIC if every label is 0 or 1, else LINEAR).")
    String model;
    @Option(names = "--epochs", defaultValue = "20", description = "Training epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--http-port", defaultValue = "8080",
            description = "Broker REST API and dashboard port; a free port is taken if it is busy (default ${DEFAULT-VALUE}).")
    int httpPort;
    @Option(names = "--work-dir", defaultValue = ".cleave/demo",
            description = "Where the demo keeps its database, Kafka log and process logs; emptied first (default ${DEFAULT-VALUE}).")
    Path workDir;
    @Option(names = "--mode", defaultValue = "SECRET_SHARED",
            description = "SECRET_SHARED (compute-b and compute-c hold shares), TRUSTED (compute-b reads the pages), or "
                    + "ENCLAVE (each hospital releases its data key only to the compute workload its policy lists; "
                    + "software evidence here: no hardware isolation). Default ${DEFAULT-VALUE}.")
    String mode;
    @Option(names = "--exit-when-done", description = "Stop everything after the job and print the RESULT line last.")
    boolean exitWhenDone;
    @Option(names = "--export-audit", paramLabel = "DIR",
            description = "After the job, export the verifiable audit log to DIR (as ./cleave audit export --out DIR).")
    Path exportAudit;

    private void exportAudit(DemoRun.Live live) {
        if (exportAudit == null) {
            return;
        }
        try {
            AuditExport.awaitLogged(live.client(), Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Checkpoint checkpoint = AuditExport.export(live.client(), exportAudit);
        spec.commandLine().getOut().println("Audit log exported: " + checkpoint.size() + " records and the signed "
                + "checkpoint in " + exportAudit.toAbsolutePath() + " (check with ./cleave audit verify --records "
                + exportAudit.resolve(AuditExport.RECORDS) + " --checkpoint " + exportAudit.resolve(AuditExport.CHECKPOINT)
                + ")");
    }

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = DemoSettings.of(data, label, model, epochs, httpPort, workDir).withMode(mode);
        try (DemoRun run = new DemoRun(settings, spec.commandLine().getOut(), spec.commandLine().getErr())) {
            DemoResult result = run.execute(this::exportAudit);
            if (exitWhenDone) {
                run.close();
                spec.commandLine().getOut().println("RESULT " + result.json());
                return "COMPLETED".equals(result.state()) ? 0 : 1;
            }
            run.awaitInterrupt();
            return 0;
        }
    }
}
