package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cleave.cli.CommandLineBroker.AdminPassword;
import io.cleave.cli.client.BrokerClient;
import io.cleave.cli.process.AppCommands;
import io.cleave.cli.process.Installation;
import io.cleave.cli.process.LoopbackApp;
import io.cleave.cli.process.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code compose/organisation.sh}, the enrolment the compose deployment's one-shot services run, run
 * here without Docker exactly as the containers run it (the packaged command line, passwords in
 * secret files, the organisation's keys in its own folder) against a broker started as compose
 * starts it: without the insecure switch, its administrator's password from a file. Then the
 * providers start with the TLS files the script wrote and join the control plane over mutual TLS.
 * An integration test: it needs the packaged jars, so failsafe runs it after {@code package}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentScriptIT {
    private static final String ADMIN_PASSWORD = "enrolment-script-admin-password";
    private final Installation installation = Installation.locate();
    private CommandLineBroker broker;
    private Path work;
    private BrokerClient brokerAdmin;

    /** What one run of the script printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeAll
    void startBroker() throws Exception {
        broker = CommandLineBroker.start("cleave-enrolment-script-", ADMIN_PASSWORD, AdminPassword.FROM_FILE);
        work = broker.work();
        for (String organisation : List.of("hospital-a", "compute-b")) {
            broker.secret(organisation + "-admin", organisationPassword(organisation));
        }
        brokerAdmin = broker.adminClient();
    }

    /** Stops every process and removes the folder: it holds private keys. */
    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void enrol_twoOrganisations_thenTheirProvidersJoinOverMutualTls_andARunAgainChangesNothing() throws Exception {
        Run hospital = script("hospital-a", "memory-1", "MEMORY", "enrol");
        assertEquals(0, hospital.code(), hospital.out() + hospital.err());
        assertTrue(hospital.out().contains("enrolment of hospital-a submitted, status PENDING"), hospital.out());
        assertTrue(hospital.out().contains("approved hospital-a: certificate "), hospital.out());
        assertTrue(hospital.out().contains("organisation CA of hospital-a installed in " + keys("hospital-a")),
                hospital.out());
        assertTrue(hospital.out().endsWith("hospital-a: enrolled; provider memory-1 certified in " + tls("hospital-a")
                + "\n"), hospital.out());
        assertEquals("The password of hospital-a-admin is a one-time password: choose your own.\n", hospital.err());
        Run compute = script("compute-b", "compute-1", "COMPUTE", "enrol");
        assertEquals(0, compute.code(), compute.out() + compute.err());

        // Only keys and certificates: no token, no password, no one-time password. The provider's
        // folder holds only what the provider needs, not the organisation's keys.
        assertEquals(Set.of("organisation.txt", "org-ca-key.pem", "org.csr.pem", "org-ca.pem", "federation-root.pem",
                "results-hpke-key.bin", "issued"), names(keys("hospital-a")));
        assertEquals(Set.of("provider-key.pem", "provider-chain.pem", "federation-root.pem"), names(tls("hospital-a")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                tls("hospital-a").resolve("provider-key.pem"))));
        assertFalse(hospital.out().contains(ADMIN_PASSWORD) || hospital.out().contains(organisationPassword("hospital-a")));

        // Like a second 'docker-compose up': everything done is skipped, the certificate is not due.
        String chain = Files.readString(tls("hospital-a").resolve("provider-chain.pem"));
        Run again = script("hospital-a", "memory-1", "MEMORY", "enrol");
        assertEquals(0, again.code(), again.out() + again.err());
        assertTrue(again.out().startsWith("hospital-a: key and CSR already in " + keys("hospital-a")), again.out());
        assertTrue(again.out().contains("hospital-a: already approved"), again.out());
        assertTrue(again.out().contains("not renewed: valid until "), again.out());
        assertEquals("", again.err());
        assertEquals(chain, Files.readString(tls("hospital-a").resolve("provider-chain.pem")));

        startProviders();
        JsonNode providers = brokerAdmin.get("api/providers");
        assertEquals(Set.of("hospital-a/memory-1/MEMORY", "compute-b/compute-1/COMPUTE"), stream(providers)
                .map(p -> p.path("organisation").asText() + "/" + p.path("name").asText() + "/" + p.path("kind").asText())
                .collect(Collectors.toSet()));

        // Any other command runs as the organisation's administrator: here it sees its dataset.
        Run datasets = script("hospital-a", "memory-1", "MEMORY", "dataset", "list");
        assertEquals(0, datasets.code(), datasets.out() + datasets.err());
        assertTrue(datasets.out().contains("breast-cancer"), datasets.out());
    }

    @Test
    void enrol_withoutTheOrganisationPassword_stopsBeforeWritingAnything() throws Exception {
        Run run = script("initech", "memory-1", "MEMORY", "enrol");
        assertEquals(1, run.code());
        assertEquals("organisation.sh: the password of initech-admin missing: " + organisationPasswordFile("initech")
                + " (see compose/secrets/README.md)\n", run.err());
        assertFalse(Files.exists(keys("initech")) || Files.exists(tls("initech")));
        assertEquals(0, stream(brokerAdmin.get("api/organisations"))
                .filter(o -> "initech".equals(o.path("name").asText())).count());
    }

    /** Both providers with the files the script wrote; the broker accepts them only over mutual TLS. */
    private void startProviders() throws InterruptedException {
        LoopbackApp memoryProvider = broker.startProcess("memory-provider", "hospital-a-memory", () -> {
            Map<String, String> memory = AppCommands.memoryProperties("hospital-a", "memory-1",
                    List.of("breast-cancer:target:" + installation.root().resolve("data/breast_cancer_wdbc.csv")),
                    broker.controlPlane(), LoopbackPorts.free(), LoopbackPorts.free(), 64);
            memory.putAll(AppCommands.tlsProperties("cleave.memory", tls("hospital-a")));
            return memory;
        }, Map.of());
        LoopbackApp computeProvider = broker.startProcess("compute-provider", "compute-b-compute", () -> {
            Map<String, String> compute = AppCommands.computeProperties("compute-b", "compute-1", 1, 256,
                    broker.controlPlane(), LoopbackPorts.free());
            compute.putAll(AppCommands.tlsProperties("cleave.compute", tls("compute-b")));
            return compute;
        }, Map.of());
        CommandLineBroker.await(memoryProvider, "both providers alive at the broker", () -> {
            computeProvider.keepStarting();
            return stream(brokerAdmin.get("api/providers")).filter(p -> p.path("alive").asBoolean()).count() == 2;
        });
    }

    /**
     * Runs the script as its container does, with this test's broker and folders, and the secret
     * files of the broker's and the organisation's administrator in the work folder.
     */
    private Run script(String organisation, String provider, String kind, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", installation.root().resolve("compose/organisation.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = new HashMap<>(Map.of(
                "CLEAVE_ORG", organisation,
                "CLEAVE_PROVIDER", provider,
                "CLEAVE_PROVIDER_KIND", kind,
                "CLEAVE_BROKER_URL", broker.url(),
                "CLEAVE_ORG_DIR", keys(organisation).toString(),
                "CLEAVE_PROVIDER_DIR", tls(organisation).toString(),
                "CLEAVE_ADMIN_PASSWORD_FILE", broker.adminPasswordFile().toString(),
                "CLEAVE_ORG_ADMIN_PASSWORD_FILE", organisationPasswordFile(organisation).toString(),
                "CLEAVE_CLI", Path.of(System.getProperty("java.home"), "bin", "java") + " -jar "
                        + installation.root().resolve("cli/target/cli-0.1.0-SNAPSHOT.jar")));
        // Like a fresh container: no password in the environment, and a home without a stored token.
        env.put("HOME", work.resolve("home").toString());
        builder.environment().remove("CLEAVE_PASSWORD");
        builder.environment().remove("CLEAVE_TOKEN_FILE");
        builder.environment().putAll(env);
        Path out = work.resolve("script.out");
        Path err = work.resolve("script.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the script did not finish within 3 minutes");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path keys(String organisation) {
        return work.resolve(organisation + "-keys");
    }

    private Path tls(String organisation) {
        return work.resolve(organisation + "-tls");
    }

    private static String organisationPassword(String organisation) {
        return organisation + " administrator passphrase";
    }

    /** Where {@link CommandLineBroker#secret} keeps the password of the organisation's administrator. */
    private Path organisationPasswordFile(String organisation) {
        return work.resolve(organisation + "-admin.password");
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
