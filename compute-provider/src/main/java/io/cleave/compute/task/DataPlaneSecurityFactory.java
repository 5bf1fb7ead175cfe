package io.cleave.compute.task;

import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.compute.config.ComputeTlsConfig;
import io.cleave.controlplane.ControlPlaneTls;
import io.cleave.dataplane.SealedTraffic;
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
    DataPlaneSecurity dataPlaneSecurity(ComputeTlsConfig tls, MeterRegistry metrics) {
        ControlPlaneTls files = tls.files();
        if (files == null) {
            LOG.warn("INSECURE: no certificate configured (cleave.compute.tls.*), so pages of TRUSTED jobs arrive as "
                    + "PLAINTEXT on the data plane. Development only.");
        }
        return new DataPlaneSecurity(files == null ? null : ProviderCredentials.load(files), Clock.systemUTC(),
                new SealedTraffic(metrics));
    }
}
