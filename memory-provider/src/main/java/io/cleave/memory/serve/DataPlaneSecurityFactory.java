package io.cleave.memory.serve;

import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.dataplane.SealedTraffic;
import io.cleave.memory.config.MemoryTlsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data plane uses the same certificate as the control plane: one identity per provider. */
@Factory
final class DataPlaneSecurityFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneSecurityFactory.class);

    @Singleton
    DataPlaneSecurity dataPlaneSecurity(MemoryTlsConfig tls, Clock clock, BrokerAgent broker, MeterRegistry metrics) {
        ControlPlaneTls files = tls.files();
        if (files == null) {
            LOG.warn("INSECURE: no certificate configured (cleave.memory.tls.*), so pages of TRUSTED jobs go to "
                    + "compute providers as PLAINTEXT on the data plane. Development only.");
            return new DataPlaneSecurity(null, clock, broker::currentCrls, new SealedTraffic(metrics));
        }
        return new DataPlaneSecurity(ProviderCredentials.load(files), clock, broker::currentCrls,
                new SealedTraffic(metrics));
    }
}
