package io.cleave.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.software.CodeMeasurement;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.cli.JobWatcher;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.process.AppCommands;
import io.cleave.cli.process.AppProcess;
import io.cleave.dataset.Dataset;
import io.cleave.dataset.Standardization;
import io.cleave.dataset.TrainTestSplit;
import io.cleave.training.Evaluation;
import io.cleave.training.PlaintextSgdTrainer;
import io.cleave.training.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One run of the demo: three organisations' worth of processes on loopback, a job, a comparison
 * with a local run. Closing it stops every process it started.
 */
public final class DemoRun implements AutoCloseable {
    static final String DATA_ORG = "hospital-a";
    static final String COMPUTE_ORG = "compute-b";
    private final DemoSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<AppProcess> processes = new ArrayList<>();
    private final Map<String, String> providerUrls = new LinkedHashMap<>();
    private BrokerClient client;
    private int grpcPort;

    public DemoRun(DemoSettings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /**
     * What a caller can look at while everything is still up.
     *
     * @param providerUrls base URL of each provider's HTTP port (health, metrics), by process label
     */
    public record Live(BrokerClient client, String jobId, Map<String, String> providerUrls) {
    }

    /**
     * Starts everything, runs the job, and calls {@code whileUp} before returning, all processes still running.
     */
    public DemoResult execute(Consumer<Live> whileUp) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "demo-shutdown"));
        prepareWorkDir();
        startBroker();
        DemoPki pki = enrolOrganisations();
        startProviders(pki);
        JsonNode job = submit();
        String jobId = job.path("id").asText();
        out.println("Submitted job " + jobId + " (" + settings.model() + ", " + settings.mode() + ", " + settings.sgd().epochs()
                + " epochs) on " + DATA_ORG + "/" + settings.datasetName());
        JsonNode end = new JobWatcher(client, err).await(jobId, Duration.ofMinutes(30));
        DemoResult result = result(end);
        report(end, result);
        whileUp.accept(new Live(client, jobId, Map.copyOf(providerUrls)));
        out.println("Dashboard: " + client.base() + "dashboard/index.html   (logs in " + settings.workDir().resolve("logs") + ")");
        out.flush();
        return result;
    }

    private void prepareWorkDir() {
        Path dir = settings.workDir();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo folder " + dir, e);
        }
    }

    private void startBroker() throws InterruptedException {
        int httpPort = portOrFree(settings.httpPort());
        if (settings.httpPort() > 0 && httpPort != settings.httpPort()) {
            out.println("Port " + settings.httpPort() + " is busy; the broker takes " + httpPort + " instead.");
        }
        grpcPort = portOrFree(0);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", String.valueOf(httpPort));
        p.put("grpc.server.port", String.valueOf(grpcPort));
        p.put("cleave.broker.data-dir", settings.workDir().resolve("broker").toString());
        out.println("Starting the broker (REST and dashboard on port " + httpPort + ", control plane on " + grpcPort
                + ", in-process Kafka)...");
        AppProcess broker = start("broker", "broker", p);
        client = new BrokerClient("http://127.0.0.1:" + httpPort);
        awaitCondition("the broker", broker, Duration.ofMinutes(3), client::isUp);
    }

    /** Both organisations enrol by CSR and certify their provider, as 'cleave org' and 'cleave provider' do. */
    private DemoPki enrolOrganisations() {
        DemoPki pki = new DemoPki(client, settings.workDir().resolve("orgs"));
        try {
            pki.enrol(DATA_ORG);
            pki.enrol(COMPUTE_ORG);
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("enrolling the demo organisations failed: " + e.getMessage(), e);
        }
        out.println("Organisations: " + DATA_ORG + " (lends data), " + COMPUTE_ORG + " (lends CPUs), enrolled by CSR"
                + " and approved; their keys stay in " + settings.workDir().resolve("orgs"));
        return pki;
    }

    private void startProviders(DemoPki pki) throws InterruptedException {
        String controlPlane = "127.0.0.1:" + grpcPort;
        String dataset = settings.datasetName() + ":" + settings.label() + ":" + settings.data();
        int memoryHttp = portOrFree(0);
        int computeHttp = portOrFree(0);
        Map<String, String> memoryProperties = AppCommands.memoryProperties(DATA_ORG, "memory-1", List.of(dataset),
                controlPlane, portOrFree(0), memoryHttp, 64);
        Map<String, String> computeProperties = AppCommands.computeProperties(COMPUTE_ORG, "compute-1", 2, 1024,
                controlPlane, computeHttp);
        try {
            memoryProperties.putAll(AppCommands.tlsProperties("cleave.memory",
                    pki.issue(DATA_ORG, "memory-1", ProviderKind.MEMORY)));
            computeProperties.putAll(AppCommands.tlsProperties("cleave.compute",
                    pki.issue(COMPUTE_ORG, "compute-1", ProviderKind.COMPUTE)));
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("certifying the demo providers failed: " + e.getMessage(), e);
        }
        if ("ENCLAVE".equals(settings.mode())) {
            memoryProperties.put(AppCommands.ENCLAVE_POLICY, enclavePolicy().toString());
        }
        AppProcess memory = start("memory-provider", DATA_ORG + "-memory", memoryProperties);
        AppProcess compute = start("compute-provider", COMPUTE_ORG + "-compute", computeProperties);
        providerUrls.put(memory.label(), "http://127.0.0.1:" + memoryHttp);
        providerUrls.put(compute.label(), "http://127.0.0.1:" + computeHttp);
        out.println("Control plane: mutual TLS; each provider holds a certificate from its own organisation's CA.");
        out.println("Starting the memory provider of " + DATA_ORG + " and the compute provider of " + COMPUTE_ORG + "...");
        awaitCondition("the providers", memory, Duration.ofMinutes(3), () -> ready(compute));
    }

    /**
     * hospital-a's ENCLAVE policy: software evidence allowed explicitly, and the measurement of the
     * compute provider jar this installation runs, as {@code cleave attest measure} prints it.
     */
    private Path enclavePolicy() {
        Measurement workload = CodeMeasurement.of(settings.installation().applicationJar("compute-provider"));
        Path file = settings.workDir().resolve("orgs").resolve(DATA_ORG).resolve("enclave-policy.properties");
        try {
            Files.writeString(file, "# " + DATA_ORG + ": which workloads may receive the data key of its ENCLAVE jobs\n"
                    + "evidence-types = SEV_SNP, SOFTWARE\n"
                    + "allow-software-evidence-without-hardware-isolation = true\n"
                    + "measurements = " + workload.hex() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ENCLAVE policy " + file, e);
        }
        out.println("ENCLAVE: " + DATA_ORG + "'s policy trusts workload " + workload.hex().substring(0, 16)
                + "... with software evidence (no hardware isolation); its data key goes only to that workload.");
        return file;
    }

    private boolean ready(AppProcess compute) {
        if (!compute.isAlive()) {
            throw new IllegalStateException("the compute provider stopped:\n" + compute.tail(15));
        }
        long alive = 0;
        for (JsonNode p : client.get("api/providers")) {
            alive += p.path("alive").asBoolean() ? 1 : 0;
        }
        return alive >= 2 && client.get("api/datasets").size() >= 1;
    }

    private JsonNode submit() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "demo-" + settings.datasetName());
        body.put("owner", DATA_ORG);
        body.put("datasets", List.of(DATA_ORG + "/" + settings.datasetName()));
        body.put("model", settings.model().name());
        body.put("mode", settings.mode());
        body.put("epochs", settings.sgd().epochs());
        body.put("batch_size", settings.sgd().batchSize());
        body.put("learning_rate", settings.sgd().learningRate());
        body.put("l2", settings.sgd().l2());
        body.put("seed", settings.seed());
        body.put("test_fraction", settings.testFraction());
        body.put("open_loss", true);
        body.put("recipients", List.of(DATA_ORG));
        return client.post("api/jobs", body);
    }

    private DemoResult result(JsonNode end) {
        JsonNode m = end.path("metrics");
        Evaluation reference = localReference();
        double seconds = Duration.between(java.time.Instant.parse(end.path("submitted_at").asText()),
                java.time.Instant.parse(end.path("updated_at").asText())).toMillis() / 1000.0;
        return new DemoResult(end.path("id").asText(), end.path("state").asText(), end.path("mode").asText(),
                settings.model().name(), m.path("accuracy").asDouble(Double.NaN), m.path("auc").asDouble(Double.NaN),
                m.path("r2").asDouble(Double.NaN), m.path("rmse").asDouble(Double.NaN), seconds, reference.accuracy(),
                reference.r2());
    }

    /** The same trainer on the same rows in this process: what the federated job should match. */
    private Evaluation localReference() {
        Dataset standardised = Standardization.fit(settings.table()).apply(settings.table());
        TrainTestSplit split = TrainTestSplit.of(standardised.rows(), settings.testFraction(), settings.seed());
        var model = new PlaintextSgdTrainer(settings.model(), settings.sgd()).train(standardised.select(split.train()),
                TrainingListener.NONE);
        return Evaluation.of(model, standardised.select(split.test()));
    }

    private void report(JsonNode end, DemoResult r) {
        if (!"COMPLETED".equals(r.state())) {
            out.println("The job ended " + r.state() + ": " + end.path("state_reason").asText());
            return;
        }
        out.println();
        out.printf("%-28s %12s %16s%n", "held-out metric (" + end.path("metrics").path("test_rows").asInt() + " rows)",
                "federated", "local reference");
        if ("LOGISTIC".equals(r.model())) {
            out.printf("%-28s %12.4f %16.4f%n", "accuracy", r.accuracy(), r.plaintextAccuracy());
            out.printf("%-28s %12.4f %16s%n", "AUC", r.auc(), "");
        } else {
            out.printf("%-28s %12.4f %16.4f%n", "R²", r.r2(), r.plaintextR2());
            out.printf("%-28s %12.4f %16s%n", "RMSE", r.rmse(), "");
        }
        out.println("Model commitment (SHA-256, in the audit log): " + end.path("model_commitment").asText());
        out.printf("Job time %.2f s; the model went to %s.%n", r.seconds(), DATA_ORG);
    }

    private AppProcess start(String module, String label, Map<String, String> properties) {
        AppProcess p = AppProcess.start(settings.installation(), module, label, properties,
                settings.workDir().resolve("logs").resolve(label + ".log"));
        processes.add(p);
        return p;
    }

    private void awaitCondition(String what, AppProcess process, Duration timeout, BooleanSupplier ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int dots = 0;
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.label() + " stopped while starting; its log ends with:\n"
                        + process.tail(20));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not come up within " + timeout.toSeconds()
                        + " s; see " + settings.workDir().resolve("logs"));
            }
            err.print(++dots % 10 == 0 ? "." : "");
            err.flush();
            Thread.sleep(200);
        }
    }

    private static int portOrFree(int wanted) {
        if (wanted > 0) {
            try (ServerSocket s = new ServerSocket(wanted, 1, java.net.InetAddress.getLoopbackAddress())) {
                return wanted;
            } catch (IOException busy) {
                return portOrFree(0);
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** Blocks until the process is interrupted (Ctrl-C runs the shutdown hook that stops everything). */
    public void awaitInterrupt() throws InterruptedException {
        out.println("Press Ctrl-C to stop.");
        out.flush();
        while (processes.stream().allMatch(AppProcess::isAlive)) {
            Thread.sleep(1000);
        }
        processes.stream().filter(p -> !p.isAlive()).forEach(p -> err.println(p.label() + " stopped:\n" + p.tail(10)));
    }

    /** Stops the providers, then the broker. Safe to call more than once. */
    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
