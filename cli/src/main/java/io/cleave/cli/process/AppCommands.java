package io.cleave.cli.process;

import io.cleave.cli.pki.ProviderFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The three applications, each run in the foreground in its own JVM. */
public final class AppCommands {
    /** The memory provider's property naming its organisation's ENCLAVE policy file. */
    public static final String ENCLAVE_POLICY = "cleave.memory.enclave-policy";
    /** The memory provider's property naming its organisation's standing consent policy file. */
    public static final String CONSENT_POLICY = "cleave.memory.consent-policy";

    private AppCommands() {
    }

    static int runForeground(String module, Map<String, String> properties) throws InterruptedException {
        AppProcess app = AppProcess.start(Installation.locate(), module, module, properties, null);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        return app.waitFor();
    }

    @Command(name = "broker", mixinStandardHelpOptions = true,
            description = "Run the broker: REST API and dashboard, gRPC control plane, audit pipeline.")
    public static final class Broker implements Callable<Integer> {
        @Option(names = "--http-port", defaultValue = "8080", description = "REST API and dashboard (default ${DEFAULT-VALUE}).")
        int httpPort;
        @Option(names = "--grpc-port", defaultValue = "50051", description = "Control plane (default ${DEFAULT-VALUE}).")
        int grpcPort;
        @Option(names = "--data-dir", defaultValue = ".cleave/broker",
                description = "Embedded database and Kafka files (default ${DEFAULT-VALUE}).")
        Path dataDir;
        @Option(names = "--kafka", description = "Bootstrap servers of an existing Kafka (default: in-process KRaft Kafka).")
        String kafka;
        @Option(names = "--db-url", description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/test (default: H2 file).")
        String dbUrl;
        @Option(names = "--db-user", description = "Database user (the password comes from env DATASOURCES_DEFAULT_PASSWORD).")
        String dbUser;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("micronaut.server.port", String.valueOf(httpPort));
            p.put("grpc.server.port", String.valueOf(grpcPort));
            p.put("cleave.broker.data-dir", dataDir.toAbsolutePath().toString());
            if (kafka != null) {
                p.put("kafka.bootstrap.servers", kafka);
            }
            if (dbUrl != null) {
                p.put("datasources.default.url", dbUrl);
            }
            if (dbUser != null) {
                p.put("datasources.default.username", dbUser);
            }
            return runForeground("broker", p);
        }
    }

    @Command(name = "memory-provider", mixinStandardHelpOptions = true,
            description = "Run a memory provider: holds datasets in paged memory and serves granted jobs.")
    public static final class MemoryProvider implements Callable<Integer> {
        @Option(names = "--org", required = true, description = "Its organisation (must exist at the broker).")
        String organisation;
        @Option(names = "--name", defaultValue = "memory-1", description = "Its name (default ${DEFAULT-VALUE}).")
        String name;
        @Option(names = "--dataset", required = true,
                description = "NAME:LABEL_COLUMN:PATH_TO_CSV, e.g. breast-cancer:target:data/breast_cancer_wdbc.csv; repeatable.")
        List<String> datasets;
        @Option(names = "--broker", defaultValue = "127.0.0.1:50051", description = "Broker control plane (default ${DEFAULT-VALUE}).")
        String broker;
        @Option(names = "--port", defaultValue = "50061", description = "Data plane port (default ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--http-port", defaultValue = "8081", description = "Local HTTP port (default ${DEFAULT-VALUE}).")
        int httpPort;
        @Option(names = "--rows-per-page", defaultValue = "64", description = "Rows per memory page (default ${DEFAULT-VALUE}).")
        int rowsPerPage;
        @Option(names = "--tls-dir", required = true, paramLabel = "DIR",
                description = "Its control-plane TLS files, as written by 'cleave provider cert issue --out DIR'.")
        Path tlsDir;
        @Option(names = "--enclave-policy", paramLabel = "FILE",
                description = "The organisation's ENCLAVE policy (evidence types, reference measurements, minimum TCB);"
                        + " without it no ENCLAVE job ever receives a data key.")
        Path enclavePolicy;
        @Option(names = "--consent-policy", paramLabel = "FILE",
                description = "The organisation's standing consent policy (JSON); a job outside it is refused even when"
                        + " the organisation signed its approval.")
        Path consentPolicy;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> p = memoryProperties(organisation, name,
                    datasets.stream().map(AppCommands::absolutePath).toList(), broker, port, httpPort, rowsPerPage);
            p.putAll(tlsProperties("cleave.memory", tlsDir));
            if (enclavePolicy != null) {
                p.put(ENCLAVE_POLICY, enclavePolicy.toAbsolutePath().toString());
            }
            if (consentPolicy != null) {
                p.put(CONSENT_POLICY, consentPolicy.toAbsolutePath().toString());
            }
            return runForeground("memory-provider", p);
        }
    }

    /** The provider runs in the repository folder: a relative CSV path is taken from where the user stands. */
    static String absolutePath(String datasetSpec) {
        String[] parts = datasetSpec.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("--dataset must be NAME:LABEL_COLUMN:PATH_TO_CSV, found '" + datasetSpec + "'");
        }
        return parts[0] + ":" + parts[1] + ":" + Path.of(parts[2]).toAbsolutePath();
    }

    public static Map<String, String> memoryProperties(String organisation, String name, List<String> datasets,
            String broker, int port, int httpPort, int rowsPerPage) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cleave.memory.organisation", organisation);
        p.put("cleave.memory.name", name);
        p.put("cleave.memory.datasets", String.join(",", datasets));
        p.put("cleave.memory.broker", broker);
        p.put("cleave.memory.rows-per-page", String.valueOf(rowsPerPage));
        p.put("grpc.server.port", String.valueOf(port));
        p.put("micronaut.server.port", String.valueOf(httpPort));
        return p;
    }

    @Command(name = "compute-provider", mixinStandardHelpOptions = true,
            description = "Run a compute provider: lends cores and memory and runs the tasks of jobs.")
    public static final class ComputeProvider implements Callable<Integer> {
        @Option(names = "--org", required = true, description = "Its organisation (must exist at the broker).")
        String organisation;
        @Option(names = "--name", defaultValue = "compute-1", description = "Its name (default ${DEFAULT-VALUE}).")
        String name;
        @Option(names = "--cores", defaultValue = "2", description = "Cores lent to jobs (default ${DEFAULT-VALUE}).")
        int cores;
        @Option(names = "--memory-mb", defaultValue = "1024", description = "Memory lent to jobs (default ${DEFAULT-VALUE}).")
        long memoryMb;
        @Option(names = "--broker", defaultValue = "127.0.0.1:50051", description = "Broker control plane (default ${DEFAULT-VALUE}).")
        String broker;
        @Option(names = "--http-port", defaultValue = "8082", description = "Local HTTP port (default ${DEFAULT-VALUE}).")
        int httpPort;
        @Option(names = "--tls-dir", required = true, paramLabel = "DIR",
                description = "Its control-plane TLS files, as written by 'cleave provider cert issue --out DIR'.")
        Path tlsDir;
        @Option(names = "--state-dir", paramLabel = "DIR", description = "Where it keeps its sealed training "
                + "checkpoints and their key; keep it across restarts (default .cleave/compute-state/ORG/NAME).")
        Path stateDir;
        @Option(names = "--excache-mb", paramLabel = "MiB", description = "Memory of a secret-shared task's ExCache, "
                + "the cache of the data owners' masked rows (default: the provider's, 256).")
        Long excacheMb;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, String> p = computeProperties(organisation, name, cores, memoryMb, broker, httpPort);
            if (excacheMb != null) {
                if (excacheMb < 1 || excacheMb > Long.MAX_VALUE >> 20) {
                    throw new IllegalArgumentException("--excache-mb must be a whole number of MiB from 1 to "
                            + (Long.MAX_VALUE >> 20) + ", found " + excacheMb);
                }
                p.put("cleave.compute.excache-size", String.valueOf(excacheMb << 20));
            }
            p.put("cleave.compute.state-dir", (stateDir != null ? stateDir
                    : Path.of(".cleave", "compute-state", organisation, name)).toAbsolutePath().toString());
            p.putAll(tlsProperties("cleave.compute", tlsDir));
            return runForeground("compute-provider", p);
        }
    }

    public static Map<String, String> computeProperties(String organisation, String name, int cores, long memoryMb,
            String broker, int httpPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cleave.compute.organisation", organisation);
        p.put("cleave.compute.name", name);
        p.put("cleave.compute.cores", String.valueOf(cores));
        p.put("cleave.compute.memory-bytes", String.valueOf(memoryMb * 1024 * 1024));
        p.put("cleave.compute.broker", broker);
        p.put("micronaut.server.port", String.valueOf(httpPort));
        return p;
    }

    /** The {@code <prefix>.tls.*} properties for the files of a provider directory (see {@link ProviderFiles}). */
    public static Map<String, String> tlsProperties(String prefix, Path dir) {
        ProviderFiles files = ProviderFiles.in(dir.toAbsolutePath());
        Map<String, String> p = new LinkedHashMap<>();
        p.put(prefix + ".tls.key", files.key().toString());
        p.put(prefix + ".tls.chain", files.chain().toString());
        p.put(prefix + ".tls.root", files.root().toString());
        return p;
    }
}
