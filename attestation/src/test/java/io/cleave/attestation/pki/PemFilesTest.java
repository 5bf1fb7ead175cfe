package io.cleave.attestation.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.crypto.SigningKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
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
    void federationCa_storedAndLoaded_keepsIssuingValidChains(@TempDir Path dir) throws Exception {
        TestFederation f = new TestFederation("cleave");
        PemFiles.writePrivateKey(dir.resolve("root.key"), f.federation.key());
        PemFiles.writeCertificates(dir.resolve("root.pem"), List.of(f.federation.rootCertificate()));
        FederationCa restored = FederationCa.load(PemFiles.readPrivateKey(dir.resolve("root.key")),
                PemFiles.readCertificates(dir.resolve("root.pem")).get(0), f.clock);
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("acme");
        OrganisationCa acme = enrolment.complete(restored.approve(enrolment.csr(), Duration.ofDays(30)),
                f.federation.rootCertificate(), f.clock);
        TestFederation.Provider p = TestFederation.provider(acme, "memory-1", ProviderKind.MEMORY, Duration.ofDays(1));
        ChainValidator validator = new ChainValidator(f.federation.rootCertificate(), f.clock,
                () -> List.of(restored.currentCrl(Duration.ofHours(1)), acme.currentCrl(Duration.ofHours(1))));
        assertEquals(ProviderKind.MEMORY, validator.validate(p.chain()).kind());
    }

    @Test
    void read_wrongBlockType_isRefusedWithFileName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.pem");
        Files.writeString(file, PemFiles.toPem("CERTIFICATE", new byte[] {0x30, 0}));
        assertEquals(file + ": expected a PRIVATE KEY block",
                assertThrows(PkiException.class, () -> PemFiles.readPrivateKey(file)).getMessage());
    }
}
