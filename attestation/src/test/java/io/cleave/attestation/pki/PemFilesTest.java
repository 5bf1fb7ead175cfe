package io.cleave.attestation.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.crypto.SigningKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    @Test
    void roundTrip_keyChainAndCrl_restoreAWorkingCa(@TempDir Path dir) throws Exception {
        TestFederation f = new TestFederation("cleave");
        OrganisationCa acme = f.enrol("acme");
        TestFederation.Provider p = TestFederation.provider(acme, "compute-1", ProviderKind.COMPUTE, Duration.ofDays(1));
        acme.revokeProvider(p.certificate());

        PemFiles.writePrivateKey(dir.resolve("provider.key"), p.key());
        PemFiles.writeCertificates(dir.resolve("provider.pem"), p.chain());
        PemFiles.writeCrl(dir.resolve("acme.crl"), acme.currentCrl(Duration.ofHours(1)));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("provider.key"))));
        SigningKeyPair key = PemFiles.readPrivateKey(dir.resolve("provider.key"));
        assertEquals(p.key().publicKey(), key.publicKey());
        assertEquals(p.chain(), PemFiles.readCertificates(dir.resolve("provider.pem")));
        X509CRL crl = PemFiles.readCrl(dir.resolve("acme.crl"));
        assertEquals(p.certificate().getSerialNumber(), crl.getRevokedCertificate(p.certificate().getSerialNumber()).getSerialNumber());
    }

    @Test
    void read_wrongBlockType_isRefusedWithFileName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.pem");
        Files.writeString(file, PemFiles.toPem("CERTIFICATE", new byte[] {0x30, 0}));
        assertEquals(file + ": expected a PRIVATE KEY block",
                assertThrows(PkiException.class, () -> PemFiles.readPrivateKey(file)).getMessage());
    }
}
