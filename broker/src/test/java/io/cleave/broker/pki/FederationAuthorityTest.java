package io.cleave.broker.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.config.PkiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederationAuthorityTest {
    private static final PkiConfig PKI = new PkiConfig("test-fed", Duration.ofDays(3650), Duration.ofDays(365),
            Duration.ofHours(1));

    private static BrokerConfig broker(Path dir) {
        return new BrokerConfig(dir, Duration.ofSeconds(15), Duration.ofMillis(300), Duration.ofSeconds(60),
                Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    @Test
    void firstStart_createsKeyOwnerOnly_andLaterStartsLoadTheSameRoot(@TempDir Path dir) throws Exception {
        FederationAuthority first = new FederationAuthority(broker(dir), PKI, Clock.systemUTC());
        Path key = dir.resolve("pki").resolve(FederationAuthority.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(first.ca().rootCertificate().getSubjectX500Principal().getName().contains("test-fed"));

        FederationAuthority second = new FederationAuthority(broker(dir), PKI, Clock.systemUTC());
        assertEquals(first.ca().rootCertificate(), second.ca().rootCertificate());
    }

    @Test
    void start_withKeyOfAnotherFederation_refusesToStart(@TempDir Path dir, @TempDir Path other) throws Exception {
        new FederationAuthority(broker(dir), PKI, Clock.systemUTC());
        new FederationAuthority(broker(other), PKI, Clock.systemUTC());
        Files.copy(other.resolve("pki").resolve(FederationAuthority.KEY_FILE),
                dir.resolve("pki").resolve(FederationAuthority.KEY_FILE), StandardCopyOption.REPLACE_EXISTING);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FederationAuthority(broker(dir), PKI, Clock.systemUTC()));
        assertEquals("stored federation CA under " + dir.resolve("pki")
                + " is unusable: federation key does not match the root certificate", e.getMessage());
    }
}
