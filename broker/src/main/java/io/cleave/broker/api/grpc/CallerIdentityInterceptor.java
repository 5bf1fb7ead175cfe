package io.cleave.broker.api.grpc;

import io.cleave.attestation.pki.PkiException;
import io.cleave.attestation.pki.ProviderIdentity;
import io.cleave.broker.config.ControlPlaneConfig;
import io.cleave.broker.pki.CertificateRegistry;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Singleton;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Maps every control-plane call to the provider its client certificate names, after validating
 * the chain now against the current CRLs (federation and organisation): a provider revoked since
 * it connected is refused on its next call. Calls that fail carry UNAUTHENTICATED with the reason.
 */
@Singleton
final class CallerIdentityInterceptor implements ServerInterceptor {
    /** The validated caller; absent only in the insecure plaintext mode. */
    static final Context.Key<ProviderIdentity> CALLER = Context.key("cleave-caller");
    private final ControlPlaneConfig config;
    private final CertificateRegistry registry;

    CallerIdentityInterceptor(ControlPlaneConfig config, CertificateRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (config.insecurePlaintext()) {
            return next.startCall(call, headers);
        }
        ProviderIdentity caller;
        try {
            caller = registry.validator().validate(peerChain(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION)));
        } catch (PkiException e) {
            call.close(Status.UNAUTHENTICATED.withDescription("client certificate refused: " + e.getMessage()),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
    }

    private static List<X509Certificate> peerChain(SSLSession session) throws PkiException {
        if (session == null) {
            throw new PkiException("the control plane requires mutual TLS");
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            throw new PkiException("no client certificate was presented");
        }
    }
}
