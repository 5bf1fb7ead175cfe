package io.cleave.memory.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cleave.attestation.pki.FederationCa;
import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import io.cleave.memory.config.MemoryTlsConfig;
import io.cleave.protocols.v1.JobSpec;
import io.cleave.protocols.v1.JointWork;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.ServeGrant;
import io.cleave.protocols.v1.SpecDataset;
import io.cleave.protocols.v1.TrainingParameters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory provider decides for itself: a grant the broker pushes is honoured only with this
 * organisation's own signature over exactly the spec it carries. Without it no page is served.
 */
class ConsentedServingTest {
    private static final TrainingParameters PARAMETERS = TrainingParameters.newBuilder().setEpochs(2).setBatchSize(8)
            .setLearningRate(0.1).setSeed(7).setTestFraction(0.25).setFractionBits(16).build();
    private final Clock clock = Clock.systemUTC();
    @TempDir
    Path dir;
    private SigningKeyPair hospitalKey;
    private SigningKeyPair otherKey;
    private GrantBook grants;
    private ConsentedServing serving;
    private SimpleMeterRegistry metrics;
    private MemoryTlsConfig tls;

    @BeforeEach
    void setUp() throws Exception {
        FederationCa federation = FederationCa.create("test", Duration.ofDays(10), clock);
        OrganisationEnrolment hospital = OrganisationEnrolment.createCsr("hospital-a");
        OrganisationCa ca = hospital.complete(federation.approve(hospital.csr(), Duration.ofDays(1)),
                federation.rootCertificate(), clock);
        hospitalKey = hospital.key();
        otherKey = OrganisationEnrolment.createCsr("hospital-z").key();
        SigningKeyPair providerKey = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        var certificate = ca.issueProviderCertificate("memory-1", ProviderKind.MEMORY, providerKey.publicKey(),
                Duration.ofHours(1));
        tls = new MemoryTlsConfig(dir.resolve("key.pem"), dir.resolve("chain.pem"),
                dir.resolve("root.pem"));
        PemFiles.writePrivateKey(tls.key(), providerKey);
        PemFiles.writeCertificates(tls.chain(), ca.chainFor(certificate));
        PemFiles.writeCertificates(tls.root(), List.of(federation.rootCertificate()));
        grants = new GrantBook(clock);
        metrics = new SimpleMeterRegistry();
        serving = new ConsentedServing(grants, null, tls, "", clock, metrics, InputRandomness.secure());
    }

    private static JointSpec spec(String jobId) {
        return JointSpec.of(JobSpec.newBuilder().setSpecVersion(JointSpec.VERSION).setJobId(jobId).setOwner("hospital-a")
                .setMode(ProtectionMode.TRUSTED).setParameters(PARAMETERS).addComputeOrganisations("compute-b")
                .addDatasets(SpecDataset.newBuilder().setDatasetId("ds-1").setOrganisation("hospital-a").setName("breast-a")
                        .setRowCount(100).addColumns("x").addColumns("y")).build());
    }

    private static ServeGrant grant(JointSpec spec, byte[] signature) {
        return ServeGrant.newBuilder().setJobId("job-1").setDatasetId("ds-1").setGranteeProviderId("compute-1")
                .setGrant(ByteString.copyFrom(new byte[32])).setExpiresAtMs(Long.MAX_VALUE).setParameters(PARAMETERS)
                .setMode(ProtectionMode.TRUSTED).setJoint(JointWork.newBuilder()
                        .setJobSpec(ByteString.copyFrom(spec.canonical()))
                        .setConsentSignature(ByteString.copyFrom(signature))).build();
    }

    private static byte[] sign(SigningKeyPair key, JointSpec spec, Consent.Decision decision) throws Exception {
        return Consent.sign(key.signer(), spec.spec().getJobId(), "hospital-a", decision, spec.hash());
    }

    private void assertNoPageServed() {
        var e = assertThrows(GrantBook.GrantException.class, () -> grants.check("job-1", "ds-1", "compute-1",
                new byte[32]));
        assertEquals("no grant for job job-1 on dataset ds-1", e.getMessage());
    }

    @Test
    void accept_brokerAsksWithoutThisOrganisationsConsent_refusedAndNoPageServed() throws Exception {
        JointSpec spec = spec("job-1");
        assertFalse(serving.accept(grant(spec, new byte[0]), null));
        assertFalse(serving.accept(grant(spec, sign(otherKey, spec, Consent.Decision.APPROVE)), null));
        assertFalse(serving.accept(grant(spec, sign(hospitalKey, spec, Consent.Decision.REFUSE)), null));
        assertFalse(serving.accept(grant(spec, sign(hospitalKey, spec("job-2"), Consent.Decision.APPROVE)), null));
        assertFalse(serving.accept(grant(spec, new byte[0]).toBuilder().clearJoint().build(), null));
        assertNoPageServed();
        assertEquals(5.0, metrics.counter("cleave.grants.refused").count());
    }

    @Test
    void accept_grantDiffersFromTheApprovedSpec_refused() throws Exception {
        JointSpec spec = spec("job-1");
        ServeGrant widened = grant(spec, sign(hospitalKey, spec, Consent.Decision.APPROVE)).toBuilder()
                .setParameters(PARAMETERS.toBuilder().setTestFraction(0)).build();
        assertFalse(serving.accept(widened, null));
        assertNoPageServed();
    }

    @Test
    void accept_ownOrganisationApproved_grantTakenUp() throws Exception {
        JointSpec spec = spec("job-1");
        assertTrue(serving.accept(grant(spec, sign(hospitalKey, spec, Consent.Decision.APPROVE)), null));
        assertEquals("job-1", grants.check("job-1", "ds-1", "compute-1", new byte[32]).getJobId());
    }

    /** This provider with hospital-a's standing consent policy in a file. */
    private ConsentedServing withPolicy(String modes, String action) throws Exception {
        Path policy = dir.resolve("consent-policy.json");
        Files.writeString(policy, "{\"version\": 1, \"partners\": [\"compute-b\"], \"datasets\": [\"breast-a\"],"
                + " \"modes\": " + modes + ", \"action\": \"" + action + "\"}");
        ConsentedServing guarded = new ConsentedServing(grants, null, tls, policy.toString(), clock, metrics,
                InputRandomness.secure());
        guarded.checkConsentPolicy();
        return guarded;
    }

    @Test
    void accept_validApprovalOfAJobOutsideTheStandingPolicy_refusedAndCounted() throws Exception {
        ConsentedServing guarded = withPolicy("[\"SECRET_SHARED\"]", "auto-approve");
        assertApprovedJobRefusedAndCounted(guarded);
    }

    @Test
    void accept_manualApprovalOfAJobThePolicyAsksAbout_served() throws Exception {
        ConsentedServing guarded = withPolicy("[\"TRUSTED\"]", "ask");
        JointSpec spec = spec("job-1");
        assertTrue(guarded.accept(grant(spec, sign(hospitalKey, spec, Consent.Decision.APPROVE)), null));
        assertEquals("job-1", grants.check("job-1", "ds-1", "compute-1", new byte[32]).getJobId());
    }

    @Test
    void accept_policyFileBrokenAfterStart_everyGrantRefused() throws Exception {
        ConsentedServing guarded = withPolicy("[\"TRUSTED\"]", "auto-approve");
        Files.writeString(dir.resolve("consent-policy.json"), "{\"version\": 1, \"modes\": [\"TRUSTED\"]}");
        assertApprovedJobRefusedAndCounted(guarded);
    }

    /** The organisation's valid approval of job-1 is refused, nothing served, the refusal counted once. */
    private void assertApprovedJobRefusedAndCounted(ConsentedServing guarded) throws Exception {
        JointSpec spec = spec("job-1");
        assertFalse(guarded.accept(grant(spec, sign(hospitalKey, spec, Consent.Decision.APPROVE)), null));
        assertNoPageServed();
        assertEquals(1.0, metrics.counter("cleave.grants.refused").count());
    }

    @Test
    void checkConsentPolicy_badFile_failsAtStartNamingTheField() throws Exception {
        Files.writeString(dir.resolve("consent-policy.json"), "{\"version\": 1}");
        ConsentedServing guarded = new ConsentedServing(grants, null, tls,
                dir.resolve("consent-policy.json").toString(), clock, metrics, InputRandomness.secure());
        var e = assertThrows(IllegalArgumentException.class, guarded::checkConsentPolicy);
        assertEquals("consent policy " + dir.resolve("consent-policy.json") + ": missing field 'partners' (a list of"
                + " organisation names)", e.getMessage());
    }
}
