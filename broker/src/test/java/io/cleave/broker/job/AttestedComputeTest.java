package io.cleave.broker.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.EvidenceType;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.software.CertifiedProviderKeys;
import io.cleave.attestation.software.SoftwareEvidenceFormat;
import io.cleave.attestation.software.SoftwareEvidenceIssuer;
import io.cleave.attestation.software.SoftwareMeasurement;
import io.cleave.broker.FederationScenario;
import io.cleave.broker.TestDatabases;
import io.cleave.broker.attestation.AttestationService;
import io.cleave.broker.attestation.EvidenceSubmission;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.pki.EnrolmentService;
import io.cleave.broker.pki.OrganisationKeyService;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ENCLAVE jobs go only to compute providers whose latest attestation is valid and unexpired. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttestedComputeTest implements TestPropertyProvider {
    @Inject
    AttestedCompute attested;
    @Inject
    AttestationService attestation;
    @Inject
    EnrolmentService enrolments;
    @Inject
    OrganisationKeyService hpkeKeys;
    @Inject
    ProviderService providers;
    @Inject
    DatasetService datasets;

    @Override
    public Map<String, String> getProperties() {
        try {
            Map<String, String> p = new HashMap<>(TestDatabases.h2(Files.createTempDirectory("cleave-attested-")));
            p.put("cleave.broker.attestation.result-lifetime", "3s");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mayRun_followsTheProvidersLatestVerdict() throws Exception {
        String compute = new FederationScenario(enrolments, hpkeKeys, providers, datasets, "att").compute.id();
        SigningKeyPair certified = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        assertTrue(attested.mayRun("TRUSTED", compute), "TRUSTED jobs need no attestation");
        assertFalse(attested.mayRun("ENCLAVE", compute), "no verdict yet");

        attestation.attestAtRegistration(compute, evidence(certified, certified), certified.publicKey());
        assertTrue(attested.mayRun("ENCLAVE", compute));

        Thread.sleep(3_200);
        assertFalse(attested.mayRun("ENCLAVE", compute), "the result expired");

        SigningKeyPair forger = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        attestation.attestAtRegistration(compute, evidence(forger, certified), certified.publicKey());
        assertFalse(attested.mayRun("ENCLAVE", compute), "the latest verdict refused the evidence");
        assertEquals(" with a valid, unexpired attestation", attested.requirement("ENCLAVE"));
    }

    private static EvidenceSubmission evidence(SigningKeyPair signer, SigningKeyPair certified) throws Exception {
        byte[] wire = SoftwareEvidenceFormat.encode(new SoftwareEvidenceIssuer(
                CertifiedProviderKeys.signingKey("compute-att/compute-1", signer)).issue(
                        SoftwareMeasurement.builder().artefact("workload.jar", new byte[] {1}).build(),
                        ReportDataBinding.forWorkloadKey(certified.publicKey().encoded()).reportData()));
        return new EvidenceSubmission(EvidenceType.SOFTWARE, wire, List.of(), new byte[0], null, null);
    }
}
