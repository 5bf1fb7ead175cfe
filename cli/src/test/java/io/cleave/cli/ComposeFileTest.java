package io.cleave.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.cli.process.Installation;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose deployment as a reader of the file sees it (anchors merged): every service's image,
 * ports, volumes, secrets, health check and start order. {@code .ci/run} also validates it with
 * docker-compose itself; {@code EnrolmentScriptIT} runs the enrolment script its one-shots run.
 */
class ComposeFileTest {
    private static final Set<String> ORGANISATIONS = Set.of("hospital-a", "hospital-b", "compute-b", "compute-c");
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader r = Files.newBufferedReader(Installation.locate().root().resolve("compose/docker-compose.yml"))) {
            Map<String, Object> file = new Yaml().load(r);
            services = (Map<String, Map<String, Object>>) file.get("services");
        }
    }

    @Test
    void services_kafkaPostgresBrokerAndFourOrganisations() {
        assertEquals(Set.of("kafka", "postgres", "broker", "org-hospital-a", "org-hospital-b", "org-compute-b",
                "org-compute-c", "memory-hospital-a", "memory-hospital-b", "compute-compute-b", "compute-compute-c"),
                services.keySet());
        assertEquals("apache/kafka:4.1.0", services.get("kafka").get("image"));
        assertEquals("postgres:15", services.get("postgres").get("image"));
    }

    @Test
    void everyLongRunningService_hasStockImageAndHealthCheck() {
        services.forEach((name, s) -> {
            assertNotNull(s.get("image"), name + " has no image");
            assertFalse(s.containsKey("build"), name + " must not need an image build");
            if (name.startsWith("org-")) {
                assertEquals("no", s.get("restart"), name + " is a one-shot");
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) s.get("healthcheck");
            assertNotNull(health, name + " has no health check");
            assertTrue(String.valueOf(health.get("test")).contains("CMD"), name);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void applications_runBuiltJarsMountedReadOnly_andOnlyTheEnrolmentSeesAnOrganisationsKeys() {
        Set<String> organisationsWithKeys = new HashSet<>();
        services.forEach((name, s) -> {
            if (!"eclipse-temurin:17-jre".equals(s.get("image"))) {
                return;
            }
            List<String> volumes = (List<String>) s.get("volumes");
            assertTrue(volumes.stream().anyMatch(v -> v.matches("\\.\\./[a-z-]+/target:/opt/cleave/[a-z-]+:ro")),
                    name + " should mount its built jars read-only: " + volumes);
            List<String> keys = volumes.stream().filter(v -> v.contains("-keys:") || v.contains("-tls:")).toList();
            if ("broker".equals(name)) {
                assertEquals(List.of(), keys);
                return;
            }
            String organisation = name.substring(name.indexOf('-') + 1);
            // The enrolment writes both; the provider reads only its TLS files, never the CA or consent key.
            assertEquals(name.startsWith("org-")
                    ? List.of(organisation + "-keys:/var/lib/cleave/keys", organisation + "-tls:/var/lib/cleave/tls")
                    : List.of(organisation + "-tls:/var/lib/cleave/tls:ro"), keys, name);
            organisationsWithKeys.add(organisation);
        });
        assertEquals(ORGANISATIONS, organisationsWithKeys);
    }

    @Test
    @SuppressWarnings("unchecked")
    void organisations_enrolWithTheirOwnPasswordSecret_thenTheirProvidersStartWithTls() {
        for (String organisation : ORGANISATIONS) {
            Map<String, Object> enrolment = services.get("org-" + organisation);
            assertEquals(List.of("admin_password", Map.of("source", organisation + "_admin_password",
                    "target", "org_admin_password")), enrolment.get("secrets"));
            assertEquals(List.of("sh", "/opt/cleave/compose/organisation.sh"), enrolment.get("entrypoint"));
            assertTrue(((List<String>) enrolment.get("volumes")).contains(
                    "./organisation.sh:/opt/cleave/compose/organisation.sh:ro"));
            assertEquals(organisation, ((Map<String, Object>) enrolment.get("environment")).get("CLEAVE_ORG"));

            String provider = services.containsKey("memory-" + organisation) ? "memory-" + organisation
                    : "compute-" + organisation;
            Map<String, Object> service = services.get(provider);
            Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
            assertEquals(Map.of("condition", "service_completed_successfully"), dependsOn.get("org-" + organisation));
            String prefix = provider.startsWith("memory-") ? "CLEAVE_MEMORY_TLS_" : "CLEAVE_COMPUTE_TLS_";
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            for (String file : List.of("KEY", "CHAIN", "ROOT")) {
                assertTrue(String.valueOf(env.get(prefix + file)).startsWith("/var/lib/cleave/tls/"), provider + file);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void noServiceRunsTheControlPlaneInsecurely() {
        services.forEach((name, s) -> {
            Object env = s.get("environment");
            if (env != null) {
                ((Map<String, Object>) env).keySet().forEach(key -> assertFalse(key.contains("INSECURE"), name + ": " + key));
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void broker_publishesApiOnLoopbackOnly_andTakesThePasswordFromASecret() {
        Map<String, Object> broker = services.get("broker");
        assertEquals(List.of("127.0.0.1:8080:8080", "127.0.0.1:50051:50051"), broker.get("ports"));
        Map<String, Object> env = (Map<String, Object>) broker.get("environment");
        assertFalse(env.containsKey("DATASOURCES_DEFAULT_PASSWORD"), "no password in the environment block");
        assertEquals(List.of("postgres_password", "admin_password"), broker.get("secrets"));
        assertEquals("/run/secrets/admin_password", env.get("CLEAVE_BROKER_ADMIN_PASSWORD_FILE"));
        assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(String.valueOf(((Map<String, Object>) broker.get("healthcheck")).get("test"))
                .contains("/health/readiness"));
    }
}
