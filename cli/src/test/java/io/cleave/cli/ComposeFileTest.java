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
 * ports, volumes and health check. {@code .ci/run} also validates it with docker-compose itself.
 */
class ComposeFileTest {
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
        assertEquals(Set.of("kafka", "postgres", "broker", "memory-hospital-a", "memory-hospital-b",
                "compute-compute-b", "compute-compute-c"), services.keySet());
        assertEquals("apache/kafka:4.1.0", services.get("kafka").get("image"));
        assertEquals("postgres:15", services.get("postgres").get("image"));
    }

    @Test
    void everyService_hasStockImageAndHealthCheck() {
        services.forEach((name, s) -> {
            assertNotNull(s.get("image"), name + " has no image");
            assertFalse(s.containsKey("build"), name + " must not need an image build");
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) s.get("healthcheck");
            assertNotNull(health, name + " has no health check");
            assertTrue(String.valueOf(health.get("test")).contains("CMD"), name);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void applications_runBuiltJarsMountedReadOnly_andEachOrganisationHasItsOwnKeyVolume() {
        Set<String> keyVolumes = new HashSet<>();
        services.forEach((name, s) -> {
            if (!"eclipse-temurin:17-jre".equals(s.get("image"))) {
                return;
            }
            List<String> volumes = (List<String>) s.get("volumes");
            assertTrue(volumes.stream().anyMatch(v -> v.matches("\\.\\./[a-z-]+/target:/opt/cleave/[a-z-]+:ro")),
                    name + " should mount its built jars read-only: " + volumes);
            if (!"broker".equals(name)) {
                String keys = volumes.stream().filter(v -> v.endsWith("-keys:/var/lib/cleave/keys")).findFirst()
                        .orElseThrow(() -> new AssertionError(name + " has no key volume"));
                assertTrue(keyVolumes.add(keys), "key volume shared: " + keys);
            }
        });
        assertEquals(4, keyVolumes.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void broker_publishesApiOnLoopbackOnly_andTakesThePasswordFromASecret() {
        Map<String, Object> broker = services.get("broker");
        assertEquals(List.of("127.0.0.1:8080:8080", "127.0.0.1:50051:50051"), broker.get("ports"));
        Map<String, Object> env = (Map<String, Object>) broker.get("environment");
        assertFalse(env.containsKey("DATASOURCES_DEFAULT_PASSWORD"), "no password in the environment block");
        assertEquals(List.of("postgres_password"), broker.get("secrets"));
        assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(String.valueOf(((Map<String, Object>) broker.get("healthcheck")).get("test"))
                .contains("/health/readiness"));
    }
}
