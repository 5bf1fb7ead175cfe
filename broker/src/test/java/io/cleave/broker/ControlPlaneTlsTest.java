package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.attestation.pki.FederationCa;
import io.cleave.attestation.pki.OrganisationCa;
import io.cleave.attestation.pki.OrganisationCsr;
import io.cleave.attestation.pki.OrganisationEnrolment;
import io.cleave.attestation.pki.ProviderKind;
import io.cleave.broker.config.ControlPlaneConfig;
import io.cleave.protocols.v1.ControlPlaneGrpc;
import io.cleave.protocols.v1.CurrentCrlsRequest;
import io.cleave.protocols.v1.HeartbeatRequest;
import io.cleave.protocols.v1.RegisterProviderRequest;
import io.cleave.protocols.v1.RegisterProviderResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The control plane with its default settings: mutual TLS over real sockets, callers mapped to
 * their certificate, revocation enforced on the next connection.
 */
@MicronautTest(transactional = false)
class ControlPlaneTlsTest extends TlsControlPlaneTestBase {
    @Inject
    ControlPlaneConfig config;

    private <T> T call(TlsFederation.ProviderTls provider, Function<ControlPlaneGrpc.ControlPlaneBlockingStub, T> rpc) {
        return rpc.apply(stub(provider));
    }

    private static RegisterProviderRequest compute(String org, String name) {
        return RegisterProviderRequest.newBuilder().setOrganisation(org).setName(name)
                .setKind(io.cleave.protocols.v1.ProviderKind.COMPUTE).setCores(2).setMemoryBytes(1L << 30).build();
    }

    @Test
    void plaintextSwitch_offByDefault_andPlaintextClientsCannotCall() {
        assertFalse(config.insecurePlaintext());
        ManagedChannel plain = track(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
        var e = assertThrows(StatusRuntimeException.class, () -> ControlPlaneGrpc.newBlockingStub(plain)
                .withDeadlineAfter(10, TimeUnit.SECONDS).registerProvider(compute("a", "b")));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void provider_withOwnCertificate_registersAndHeartbeats() throws Exception {
        OrganisationCa ca = federation.organisation("tls-good");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        RegisterProviderResponse registered = call(provider, s -> s.registerProvider(compute("tls-good", "cpu-1")));
        call(provider, s -> s.heartbeat(HeartbeatRequest.newBuilder().setProviderId(registered.getProviderId())
                .setFreeCores(1).setFreeMemoryBytes(1).build()));
    }

    @Test
    void provider_registeringForAnotherOrganisation_permissionDenied() throws Exception {
        OrganisationCa ca = federation.organisation("tls-a");
        federation.organisation("tls-b");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        var e = assertThrows(StatusRuntimeException.class,
                () -> call(provider, s -> s.registerProvider(compute("tls-b", "cpu-1"))));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("caller tls-a/cpu-1 (COMPUTE) may act only for itself, not for tls-b/cpu-1 (COMPUTE)",
                e.getStatus().getDescription());
    }

    @Test
    void provider_reportingForAnotherProviderId_permissionDenied() throws Exception {
        OrganisationCa ca = federation.organisation("tls-two");
        var first = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        var second = federation.provider(ca, "cpu-2", ProviderKind.COMPUTE);
        call(first, s -> s.registerProvider(compute("tls-two", "cpu-1")));
        String secondId = call(second, s -> s.registerProvider(compute("tls-two", "cpu-2"))).getProviderId();
        var e = assertThrows(StatusRuntimeException.class, () -> call(first, s -> s.heartbeat(
                HeartbeatRequest.newBuilder().setProviderId(secondId).setFreeCores(0).setFreeMemoryBytes(0).build())));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("caller tls-two/cpu-1 (COMPUTE) may act only for itself, not for tls-two/cpu-2 (COMPUTE)",
                e.getStatus().getDescription());
    }

    @Test
    void provider_certifiedByAnotherFederation_refusedAtHandshake() throws Exception {
        FederationCa foreign = FederationCa.create("elsewhere", Duration.ofDays(10), Clock.systemUTC());
        OrganisationEnrolment enrolment = OrganisationEnrolment.createCsr("tls-foreign");
        OrganisationCa ca = enrolment.complete(foreign.approve(OrganisationCsr.parse(enrolment.csr().encoded()),
                Duration.ofDays(5)), foreign.rootCertificate(), Clock.systemUTC());
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        var e = assertThrows(StatusRuntimeException.class,
                () -> call(provider, s -> s.registerProvider(compute("tls-foreign", "cpu-1"))));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
    }

    @Test
    void revokedProvider_refusedOnItsNextConnection() throws Exception {
        OrganisationCa ca = federation.organisation("tls-revoke");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        call(provider, s -> s.registerProvider(compute("tls-revoke", "cpu-1")));
        ca.revokeProvider(provider.certificate());
        federation.publishCrl(ca);
        var e = assertThrows(StatusRuntimeException.class,
                () -> call(provider, s -> s.registerProvider(compute("tls-revoke", "cpu-1"))));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("client certificate refused: provider certificate revoked: '"
                + provider.certificate().getSubjectX500Principal() + "'", e.getStatus().getDescription());
    }

    @Test
    void providerOfRevokedOrganisation_refused() throws Exception {
        OrganisationCa ca = federation.organisation("tls-gone");
        var provider = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        enrolments.revoke("tls-gone", "admin");
        var e = assertThrows(StatusRuntimeException.class,
                () -> call(provider, s -> s.registerProvider(compute("tls-gone", "cpu-1"))));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("client certificate refused: organisation certificate revoked: '"
                + ca.certificate().getSubjectX500Principal() + "'", e.getStatus().getDescription());
    }

    @Test
    void currentCrls_overMutualTls_carryEveryIssuersLatestRevocations() throws Exception {
        OrganisationCa ca = federation.organisation("tls-crl");
        var revoked = federation.provider(ca, "cpu-1", ProviderKind.COMPUTE);
        var caller = federation.provider(ca, "cpu-2", ProviderKind.COMPUTE);
        ca.revokeProvider(revoked.certificate());
        federation.publishCrl(ca);
        List<X509CRL> crls = new ArrayList<>();
        for (var der : call(caller, s -> s.currentCrls(CurrentCrlsRequest.getDefaultInstance())).getCrlsList()) {
            crls.add((X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(der.newInput()));
        }
        var organisationCrl = crls.stream()
                .filter(c -> c.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())).findFirst()
                .orElseThrow();
        assertTrue(organisationCrl.isRevoked(revoked.certificate()));
        assertFalse(organisationCrl.isRevoked(caller.certificate()));
        assertTrue(crls.stream().anyMatch(c -> c.getIssuerX500Principal()
                .equals(registry.root().getSubjectX500Principal())), "the federation CRL is relayed too");
    }
}
