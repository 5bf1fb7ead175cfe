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
import io.cleave.cli.process.LoopbackApp;
import io.cleave.cli.process.LoopbackPorts;
import io.cleave.cli.FetchModelCommand;
import io.cleave.cli.JobConsentCommand;
import io.cleave.cli.pki.OrgDirectory;
import io.cleave.federation.Consent;
import io.cleave.training.Evaluation;
import io.cleave.training.LinearModel;
import io.cleave.training.ModelKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One run of the demo: four organisations' processes on loopback (two hospitals holding half the
 * rows each, two compute organisations as the secret-shared parties), a joint SECRET_SHARED job
 * that every organisation consents to, the model fetched and reconstructed by the hospitals, and
 * a comparison with the same rows trained in plaintext. In TRUSTED and ENCLAVE mode only compute-b
 * takes part (one compute party reads the pages) and the hospitals read the model from the broker.
 * Closing it stops every process it started.
 */
public final class DemoRun implements AutoCloseable {
    static final List<String> DATA_ORGS = List.of("hospital-a", "hospital-b");
    static final List<String> COMPUTE_ORGS = List.of("compute-b", "compute-c");
    private final DemoSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    /** Where the ports of its processes come from: free loopback ports, or a test's. */
    private final IntSupplier freePorts;
    private final List<LoopbackApp> apps = new ArrayList<>();
    private final Map<String, String> providerUrls = new LinkedHashMap<>();
    /** Generated per run; the broker learns it from its environment, the user from the DASHBOARD line. */
    private final String adminPassword = DemoPki.randomPassword();
    private BrokerClient client;
    private DemoPki pki;
    private int grpcPort;
    /** Extra properties by module, set only by tests ({@link #useInsecureFixedSeedsForTesting}). */
    private final Map<String, Map<String, String>> testProperties = new HashMap<>();
    private final Map<String, LoopbackApp> computeProviders = new HashMap<>();

    public DemoRun(DemoSettings settings, PrintWriter out, PrintWriter err) {
        this(settings, out, err, LoopbackPorts::free);
    }

    DemoRun(DemoSettings settings, PrintWriter out, PrintWriter err, IntSupplier freePorts) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.freePorts = freePorts;
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
        pki = enrolOrganisations();
        DemoData data = new DemoData(settings);
        startProviders(data.split());
        JsonNode job = submit();
        String jobId = job.path("id").asText();
        out.println("Submitted job " + jobId + " (" + settings.model() + ", " + settings.mode() + ", " + settings.sgd().epochs()
                + " epochs) on " + DATA_ORGS.get(0) + "/" + settings.datasetName() + " + " + DATA_ORGS.get(1) + "/"
                + settings.datasetName() + "; estimate " + job.path("estimate").path("seconds").asDouble() + " s, "
                + job.path("estimate").path("bytes_exchanged").asLong() / 1024 + " KiB exchanged");
        consent(jobId);
        JsonNode end = new JobWatcher(client, err).await(jobId, Duration.ofMinutes(30));
        DemoResult result = result(end, data);
        report(end, result);
        out.println("Logs in " + settings.workDir().resolve("logs") + "; sign in to the dashboard as the broker "
                + "administrator:");
        out.println("DASHBOARD " + client.base() + "dashboard admin " + adminPassword);
        out.flush();
        whileUp.accept(new Live(client, jobId, Map.copyOf(providerUrls)));
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

    /** Starts the broker, again on fresh ports if another process takes one first, and signs in as its administrator. */
    void startBroker() throws InterruptedException {
        LoopbackApp broker = startOnFreshPorts(this::launchBroker);
        out.println("Starting the broker (REST and dashboard on port " + client.base().getPort() + ", control plane on "
                + grpcPort + ", in-process Kafka)...");
        awaitCondition("the broker", List.of(broker), Duration.ofMinutes(3), () -> client.isUp());
        client = client.withToken(client.login("admin", adminPassword.toCharArray()).path("access_token").asText());
    }

    /** One attempt: the broker on ports free now, {@link #client} (anonymous) and {@link #grpcPort} set to them. */
    private AppProcess launchBroker() {
        int httpPort = settings.httpPort() > 0 && LoopbackPorts.isFree(settings.httpPort()) ? settings.httpPort()
                : freePorts.getAsInt();
        if (settings.httpPort() > 0 && httpPort != settings.httpPort()) {
            out.println("Port " + settings.httpPort() + " is busy; the broker takes " + httpPort + " instead.");
        }
        grpcPort = freePorts.getAsInt();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("micronaut.server.port", String.valueOf(httpPort));
        p.put("grpc.server.port", String.valueOf(grpcPort));
        p.put("cleave.broker.data-dir", settings.workDir().resolve("broker").toString());
        p.putAll(testProperties.getOrDefault("broker", Map.of()));
        client = new BrokerClient("http://127.0.0.1:" + httpPort);
        return start("broker", "broker", p, Map.of("CLEAVE_ADMIN_PASSWORD", adminPassword));
    }

    /**
     * The four organisations enrol by CSR, publish their results key and certify their providers, as
     * 'cleave org' and 'cleave provider' do.
     */
    private DemoPki enrolOrganisations() {
        DemoPki enrolled = new DemoPki(client, settings.workDir().resolve("orgs"));
        try {
            for (String organisation : organisations()) {
                enrolled.enrol(organisation);
            }
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("enrolling the demo organisations failed: " + e.getMessage(), e);
        }
        out.println("Organisations: " + String.join(", ", DATA_ORGS) + " (lend data), " + String.join(", ", computeOrgs())
                + " (lend CPUs), enrolled by CSR and approved, each with its own administrator (<organisation>-admin);"
                + " their keys stay in " + settings.workDir().resolve("orgs"));
        return enrolled;
    }

    private List<String> organisations() {
        List<String> all = new ArrayList<>(DATA_ORGS);
        all.addAll(computeOrgs());
        return all;
    }

    /** Both compute organisations as the two secret-shared parties, or compute-b alone as the one party. */
    private List<String> computeOrgs() {
        return settings.secretShared() ? COMPUTE_ORGS : COMPUTE_ORGS.subList(0, 1);
    }

    /** Every organisation reads the spec, checks its hash and signs its approval with its own key. */
    private void consent(String jobId) {
        for (String organisation : organisations()) {
            try {
                var decided = JobConsentCommand.decide(pki.client(organisation), jobId, pki.directory(organisation),
                        Consent.Decision.APPROVE, null);
                out.println("Consent: " + organisation + " signed its approval of spec " + decided.spec().hashHex()
                        .substring(0, 16) + "…");
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(organisation + " could not sign its consent: " + e.getMessage(), e);
            }
        }
    }

    private void startProviders(List<Path> halves) throws InterruptedException {
        String controlPlane = "127.0.0.1:" + grpcPort;
        List<LoopbackApp> started = new ArrayList<>();
        for (int i = 0; i < DATA_ORGS.size(); i++) {
            String organisation = DATA_ORGS.get(i);
            String dataset = settings.datasetName() + ":" + settings.label() + ":" + halves.get(i);
            Map<String, String> certified = new LinkedHashMap<>(certified("cleave.memory", organisation, "memory-1",
                    ProviderKind.MEMORY));
            if ("ENCLAVE".equals(settings.mode())) {
                certified.put(AppCommands.ENCLAVE_POLICY, enclavePolicy(organisation).toString());
            }
            started.add(startOnFreshPorts(() -> {
                int http = freePorts.getAsInt();
                Map<String, String> properties = AppCommands.memoryProperties(organisation, "memory-1",
                        List.of(dataset), controlPlane, freePorts.getAsInt(), http, 64);
                properties.putAll(certified);
                properties.putAll(testProperties.getOrDefault("memory-provider", Map.of()));
                return startWithUrl("memory-provider", organisation + "-memory", properties, http);
            }));
        }
        for (String organisation : computeOrgs()) {
            Map<String, String> certified = certified("cleave.compute", organisation, "compute-1", ProviderKind.COMPUTE);
            LoopbackApp compute = startOnFreshPorts(() -> {
                int http = freePorts.getAsInt();
                Map<String, String> properties = AppCommands.computeProperties(organisation, "compute-1", 2, 1024,
                        controlPlane, http);
                properties.put("cleave.compute.state-dir", settings.workDir().resolve("state")
                        .resolve(organisation + "-compute").toString());
                properties.putAll(certified);
                return startWithUrl("compute-provider", organisation + "-compute", properties, http);
            });
            computeProviders.put(organisation, compute);
            started.add(compute);
        }
        out.println("Control plane: mutual TLS; each provider holds a certificate from its own organisation's CA.");
        out.println("Starting the memory providers of " + String.join(" and ", DATA_ORGS) + " (half the rows each) and "
                + (computeOrgs().size() == 1 ? "the compute provider of " : "the compute providers of ")
                + String.join(" and ", computeOrgs()) + "...");
        awaitCondition("the providers", started, Duration.ofMinutes(3), () -> ready(started.size()));
    }

    /** The TLS properties of a provider certified by its organisation, issued once for all its attempts. */
    private Map<String, String> certified(String prefix, String organisation, String provider, ProviderKind kind) {
        try {
            return AppCommands.tlsProperties(prefix, pki.issue(organisation, provider, kind));
        } catch (IOException | PkiException e) {
            throw new IllegalStateException("certifying the demo providers failed: " + e.getMessage(), e);
        }
    }

    /**
     * A hospital's ENCLAVE policy: software evidence allowed explicitly, and the measurement of the
     * compute provider jar this installation runs, as {@code cleave attest measure} prints it.
     */
    private Path enclavePolicy(String hospital) {
        Measurement workload = CodeMeasurement.of(settings.installation().applicationJar("compute-provider"));
        Path file = settings.workDir().resolve("orgs").resolve(hospital).resolve("enclave-policy.properties");
        try {
            Files.writeString(file, "# " + hospital + ": which workloads may receive the data key of its ENCLAVE jobs\n"
                    + "evidence-types = SEV_SNP, SOFTWARE\n"
                    + "allow-software-evidence-without-hardware-isolation = true\n"
                    + "measurements = " + workload.hex() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ENCLAVE policy " + file, e);
        }
        out.println("ENCLAVE: " + hospital + "'s policy trusts workload " + workload.hex().substring(0, 16)
                + "… with software evidence (no hardware isolation); its data key goes only to that workload.");
        return file;
    }

    private AppProcess startWithUrl(String module, String label, Map<String, String> properties, int http) {
        AppProcess p = start(module, label, properties);
        providerUrls.put(p.label(), "http://127.0.0.1:" + http);
        return p;
    }

    private boolean ready(int providers) {
        long alive = 0;
        for (JsonNode p : client.get("api/providers")) {
            alive += p.path("alive").asBoolean() ? 1 : 0;
        }
        return alive >= providers && client.get("api/datasets").size() >= DATA_ORGS.size();
    }

    private JsonNode submit() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "demo-" + settings.datasetName());
        body.put("owner", DATA_ORGS.get(0));
        body.put("datasets", DATA_ORGS.stream().map(o -> o + "/" + settings.datasetName()).toList());
        body.put("model", settings.model().name());
        body.put("mode", settings.mode());
        body.put("compute_organisations", computeOrgs());
        body.put("epochs", settings.sgd().epochs());
        body.put("batch_size", settings.sgd().batchSize());
        body.put("learning_rate", settings.sgd().learningRate());
        body.put("l2", settings.sgd().l2());
        body.put("seed", settings.seed());
        body.put("test_fraction", settings.testFraction());
        body.put("open_loss", true);
        body.put("recipients", DATA_ORGS);
        return pki.client(DATA_ORGS.get(0)).post("api/jobs", body);
    }

    /**
     * Both hospitals fetch the model (SECRET_SHARED: reconstructed on their side from shares sealed
     * to them; TRUSTED and ENCLAVE: as the broker holds it) and evaluate it on their held-out rows.
     */
    private DemoResult result(JsonNode end, DemoData data) {
        Evaluation reference = data.plaintextReference();
        Evaluation federated = new Evaluation(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        if ("COMPLETED".equals(end.path("state").asText())) {
            LinearModel model = null;
            for (String hospital : DATA_ORGS) {
                try {
                    LinearModel fetched = fetchModel(end.path("id").asText(), hospital);
                    if (model != null && !java.util.Arrays.equals(model.weights(), fetched.weights())) {
                        throw new IllegalStateException("the two hospitals received different models");
                    }
                    model = fetched;
                } catch (IOException | GeneralSecurityException e) {
                    throw new IllegalStateException(hospital + " could not fetch the model: " + e.getMessage(), e);
                }
            }
            federated = Evaluation.of(model, data.testRows());
        }
        double seconds = Duration.between(java.time.Instant.parse(end.path("submitted_at").asText()),
                java.time.Instant.parse(end.path("updated_at").asText())).toMillis() / 1000.0;
        return new DemoResult(end.path("id").asText(), end.path("state").asText(), end.path("mode").asText(),
                settings.model().name(), federated.accuracy(), federated.auc(), federated.r2(), federated.rmse(),
                seconds, reference.accuracy(), reference.r2(), organisations().size());
    }

    private LinearModel fetchModel(String jobId, String hospital) throws IOException, GeneralSecurityException {
        if (settings.secretShared()) {
            OrgDirectory dir = pki.directory(hospital);
            return FetchModelCommand.fetch(pki.client(hospital), jobId, hospital, dir.resultKey());
        }
        JsonNode model = pki.client(hospital).get("api/jobs/" + jobId + "/model").path("model");
        double[] weights = new double[model.path("weights").size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = model.path("weights").get(i).asDouble();
        }
        return new LinearModel(ModelKind.valueOf(model.path("kind").asText()), weights, model.path("bias").asDouble());
    }

    private void report(JsonNode end, DemoResult r) {
        if (!"COMPLETED".equals(r.state())) {
            out.println("The job ended " + r.state() + ": " + end.path("state_reason").asText());
            return;
        }
        out.println();
        out.printf("%-28s %12s %16s%n", "held-out metric", settings.mode().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'), "plaintext");
        if ("LOGISTIC".equals(r.model())) {
            out.printf("%-28s %12.4f %16.4f%n", "accuracy", r.accuracy(), r.plaintextAccuracy());
            out.printf("%-28s %12.4f %16s%n", "AUC", r.auc(), "");
        } else {
            out.printf("%-28s %12.4f %16.4f%n", "R²", r.r2(), r.plaintextR2());
            out.printf("%-28s %12.4f %16s%n", "RMSE", r.rmse(), "");
        }
        out.println("Model commitment (in the audit log" + (settings.secretShared() ? ", checked by both hospitals" : "")
                + "): " + end.path("model_commitment").asText());
        out.printf(settings.secretShared() ? "Job time %.2f s; the model went, sealed, to %s; the broker saw only "
                + "ciphertext.%n" : "Job time %.2f s; the model went to %s through the broker, which holds it in the "
                + "clear.%n", r.seconds(), String.join(" and ", DATA_ORGS));
    }

    private AppProcess start(String module, String label, Map<String, String> properties) {
        return start(module, label, properties, Map.of());
    }

    private AppProcess start(String module, String label, Map<String, String> properties,
            Map<String, String> environment) {
        return AppProcess.start(settings.installation(), module, label, properties, environment,
                settings.workDir().resolve("logs").resolve(label + ".log"));
    }

    /** Starts it, stopped on close; {@link #awaitCondition} starts it again if a port of {@code launch} was taken. */
    private LoopbackApp startOnFreshPorts(Supplier<AppProcess> launch) {
        LoopbackApp app = new LoopbackApp(launch, out);
        apps.add(app);
        return app;
    }

    private void awaitCondition(String what, List<LoopbackApp> starting, Duration timeout, BooleanSupplier ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int dots = 0;
        while (!ready.getAsBoolean()) {
            starting.forEach(LoopbackApp::keepStarting);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not come up within " + timeout.toSeconds()
                        + " s; see " + settings.workDir().resolve("logs"));
            }
            err.print(++dots % 10 == 0 ? "." : "");
            err.flush();
            Thread.sleep(200);
        }
    }

    /**
     * INSECURE, for a test that compares two jobs bit for bit: the broker deals every job and the
     * memory providers share every row from {@code seed}, so anyone who knows it can recompute every
     * share. Call before {@link #execute}; the demo itself never does.
     */
    void useInsecureFixedSeedsForTesting(long seed) {
        testProperties.put("broker", Map.of("cleave.broker.insecure-fixed-dealer-seed-for-testing", String.valueOf(seed)));
        testProperties.put("memory-provider", Map.of("cleave.memory.insecure-fixed-share-seed-for-testing",
                String.valueOf(seed)));
    }

    /** Submits the demo's job again and has every organisation consent; returns its id. For tests, while up. */
    String submitAgainForTesting() {
        String jobId = submit().path("id").asText();
        consent(jobId);
        return jobId;
    }

    /** The model {@code hospital} reconstructs from the shares sealed to it. For tests, while up. */
    LinearModel fetchModelForTesting(String jobId, String hospital) throws IOException, GeneralSecurityException {
        return fetchModel(jobId, hospital);
    }

    /** Kills the compute provider of {@code organisation} as a crash would (SIGKILL). For tests, while up. */
    void killComputeProviderForTesting(String organisation) throws InterruptedException {
        computeProviders.get(organisation).process().killForcibly();
    }

    /** Starts the killed compute provider of {@code organisation} again, with its state directory. For tests. */
    void restartComputeProviderForTesting(String organisation) {
        computeProviders.get(organisation).restart();
    }

    /** Blocks until the process is interrupted (Ctrl-C runs the shutdown hook that stops everything). */
    public void awaitInterrupt() throws InterruptedException {
        out.println("Press Ctrl-C to stop.");
        out.flush();
        while (apps.stream().allMatch(a -> a.process().isAlive())) {
            Thread.sleep(1000);
        }
        apps.stream().map(LoopbackApp::process).filter(p -> !p.isAlive())
                .forEach(p -> err.println(p.label() + " stopped:\n" + p.tail(10)));
    }

    /** Stops the providers, then the broker. Safe to call more than once. */
    @Override
    public synchronized void close() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).process().close();
        }
    }
}
