package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cleave.attestation.Measurement;
import io.cleave.attestation.ReportDataBinding;
import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.PemFiles;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.attestation.result.AttestationResult;
import io.cleave.attestation.result.AttestationResultVerifier;
import io.cleave.attestation.software.CertifiedProviderKeys;
import io.cleave.attestation.software.SoftwareEvidenceFormat;
import io.cleave.attestation.software.SoftwareEvidenceIssuer;
import io.cleave.attestation.software.SoftwareMeasurement;
import io.cleave.crypto.SignatureAlgorithm;
import io.cleave.crypto.SignaturePublicKey;
import io.cleave.crypto.SigningKeyPair;
import io.cleave.protocols.v1.AttestRequest;
import io.cleave.protocols.v1.AttestationChallengeRequest;
import io.cleave.protocols.v1.EvidenceFormat;
import io.cleave.protocols.v1.HeartbeatRequest;
import io.cleave.protocols.v1.HeartbeatResponse;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.cleave.protocols.v1.RegisterProviderResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The attestation service over the mutual-TLS control plane: software evidence signed with the
 * provider's certified key at registration and on re-attestation with a broker nonce, refusals,
 * the signed result, the verdict in the API, the audit trail and the metric.
 */
@MicronautTest(transactional = false)
class AttestationGrpcTest extends TlsControlPlaneTestBase {
    private static final Measurement WORKLOAD = SoftwareMeasurement.builder()
            .artefact("compute-provider.jar", "test build".getBytes(StandardCharsets.UTF_8)).build();
    @Inject
    EmbeddedServer http;
    @Inject
    MeterRegistry metrics;
    @Inject
    ApplicationContext ctx;

    @Test
    void register_withSoftwareEvidence_returnsSignedResultLabelledWithoutHardwareIsolation() throws Exception {
        OrganisationCa ca = federation.organisation("att-good");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        SigningKeyPair key = PemFiles.readPrivateKey(provider.files().key());
        RegisterProviderResponse response = stub(provider).registerProvider(registration("att-good", "cpu-1",
                evidence("att-good/cpu-1", key, key.publicKey().encoded(), new byte[0])));

        assertEquals("", response.getAttestationRefusal());
        AttestationResult result = new AttestationResultVerifier(
                SignaturePublicKey.decode(response.getAttestationKey().toByteArray()), Clock.systemUTC())
                .verify(response.getAttestationResult());
        assertEquals(response.getProviderId(), result.provider());
        assertEquals("att-good", result.organisation());
        assertEquals(WORKLOAD, result.claims().measurement());
        assertFalse(result.claims().hardwareIsolated());
        assertEquals(result.expiresAt().toEpochMilli(), response.getAttestationExpiresAtMs());

        String providers = get("/api/providers");
        assertTrue(providers.contains("\"attestation\":{\"evidence_type\":\"SOFTWARE\",\"valid\":true,\"current\":true,"
                + "\"isolation\":\"no hardware isolation\",\"measurement\":\"" + WORKLOAD.hex() + "\""), providers);
        String audit = get("/api/audit?limit=1000");
        assertTrue(audit.contains("\"action\":\"attestation.verified\""), audit);
        assertFalse(audit.contains(response.getAttestationResult().split("\\.")[2]), "no token in the audit trail");
        assertTrue(metrics.find("cleave.attestation.verdicts").tags("type", "SOFTWARE", "verdict", "valid").counter()
                .count() >= 1);
    }

    @Test
    void register_evidenceSignedByAnotherKey_refusedWithReason_andRecorded() throws Exception {
        OrganisationCa ca = federation.organisation("att-forged");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        SigningKeyPair certified = PemFiles.readPrivateKey(provider.files().key());
        SigningKeyPair other = SigningKeyPair.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
        RegisterProviderResponse response = stub(provider).registerProvider(registration("att-forged", "cpu-1",
                evidence("att-forged/cpu-1", other, certified.publicKey().encoded(), new byte[0])));
        assertEquals("", response.getAttestationResult());
        assertEquals("software evidence signature does not verify with key 'att-forged/cpu-1'",
                response.getAttestationRefusal());
        assertTrue(get("/api/providers").contains("\"valid\":false,\"current\":false,\"isolation\":\"no hardware "
                + "isolation\",\"verified_at\""));
    }

    @Test
    void attest_withFreshNonce_verifies_andTheSameNonceTwiceIsRefused() throws Exception {
        OrganisationCa ca = federation.organisation("att-nonce");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        SigningKeyPair key = PemFiles.readPrivateKey(provider.files().key());
        RegisterProviderResponse registered = stub(provider).registerProvider(registration("att-nonce", "cpu-1", null));
        String id = registered.getProviderId();
        assertTrue(heartbeat(provider, id).getAttestationRequested(), "a compute provider without a result is asked");
        byte[] nonce = stub(provider).attestationChallenge(AttestationChallengeRequest.newBuilder().setProviderId(id)
                .build()).getNonce().toByteArray();
        AttestRequest request = AttestRequest.newBuilder().setProviderId(id)
                .setEvidenceFormat(EvidenceFormat.SOFTWARE_EVIDENCE).setNonce(ByteString.copyFrom(nonce))
                .setEvidence(ByteString.copyFrom(evidence("att-nonce/cpu-1", key, key.publicKey().encoded(), nonce)))
                .build();
        String token = stub(provider).attest(request).getAttestationResult();
        assertFalse(heartbeat(provider, id).getAttestationRequested(), "attested now");
        assertEquals(HexFormat.of().formatHex(nonce), new AttestationResultVerifier(SignaturePublicKey.decode(
                registered.getAttestationKey().toByteArray()), Clock.systemUTC()).verify(token).nonceHex());

        var replay = assertThrows(StatusRuntimeException.class, () -> stub(provider).attest(request));
        assertEquals(Status.Code.PERMISSION_DENIED, replay.getStatus().getCode());
        assertEquals("evidence refused: the nonce was not issued to this provider, was used already, or expired",
                replay.getStatus().getDescription());
    }

    @Test
    void attest_reportDataNotBindingTheNonce_refused() throws Exception {
        OrganisationCa ca = federation.organisation("att-binding");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        SigningKeyPair key = PemFiles.readPrivateKey(provider.files().key());
        String id = stub(provider).registerProvider(registration("att-binding", "cpu-1", null)).getProviderId();
        byte[] nonce = stub(provider).attestationChallenge(AttestationChallengeRequest.newBuilder().setProviderId(id)
                .build()).getNonce().toByteArray();
        var e = assertThrows(StatusRuntimeException.class, () -> stub(provider).attest(AttestRequest.newBuilder()
                .setProviderId(id).setEvidenceFormat(EvidenceFormat.SOFTWARE_EVIDENCE).setNonce(ByteString.copyFrom(nonce))
                .setEvidence(ByteString.copyFrom(evidence("att-binding/cpu-1", key, key.publicKey().encoded(),
                        new byte[0]))).build()));
        assertEquals("evidence refused: report data does not bind the provider's certified key and the nonce",
                e.getStatus().getDescription());
    }

    private HeartbeatResponse heartbeat(TlsFederation.ProviderTls provider, String id) {
        return stub(provider).heartbeat(HeartbeatRequest.newBuilder().setProviderId(id).setFreeCores(1)
                .setFreeMemoryBytes(1).build());
    }

    private static byte[] evidence(String keyId, SigningKeyPair signer, byte[] boundKey, byte[] nonce) throws Exception {
        return SoftwareEvidenceFormat.encode(new SoftwareEvidenceIssuer(CertifiedProviderKeys.signingKey(keyId, signer))
                .issue(WORKLOAD, ReportDataBinding.forWorkloadKey(boundKey, nonce).reportData()));
    }

    private static RegisterProviderRequest registration(String org, String name, byte[] evidence) {
        RegisterProviderRequest.Builder b = RegisterProviderRequest.newBuilder().setOrganisation(org).setName(name)
                .setKind(io.cleave.protocols.v1.ProviderKind.COMPUTE).setCores(2).setMemoryBytes(1L << 30);
        if (evidence != null) {
            b.setEvidenceFormat(EvidenceFormat.SOFTWARE_EVIDENCE).setEvidence(ByteString.copyFrom(evidence));
        }
        return b.build();
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.getURL() + path))
                .header("Authorization", "Bearer " + ApiTokens.brokerAdmin(ctx)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
