package io.cleave.broker.relay;

import io.cleave.broker.pki.CertificateRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;

/** The broker's one relay, metered: frames and bytes forwarded by kind. */
@Factory
final class RelayFactory {
    @Singleton
    RelayHub relayHub(RelayMembership membership, MeterRegistry metrics, CertificateRegistry registry) {
        return new RelayHub(membership, (jobId, from, to, kind, payload) -> {
            Counter.builder("cleave.relay.frames").tag("kind", kind.name()).description("Frames the relay forwarded")
                    .register(metrics).increment();
            Counter.builder("cleave.relay.bytes").tag("kind", kind.name()).baseUnit("bytes")
                    .description("Payload bytes the relay forwarded").register(metrics).increment(payload.remaining());
        }, () -> encoded(registry.currentCrls()));
    }

    private static List<byte[]> encoded(List<X509CRL> crls) {
        List<byte[]> out = new ArrayList<>();
        for (X509CRL crl : crls) {
            try {
                out.add(crl.getEncoded());
            } catch (CRLException e) {
                throw new IllegalStateException("a stored CRL cannot be encoded", e);
            }
        }
        return out;
    }
}
