package io.cleave.compute.task;

import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.SealedChannel;
import io.cleave.dataplane.SealedPageStreams;
import io.cleave.dataplane.SealedTraffic;
import io.cleave.protocols.v1.DatasetSource;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * How this compute provider fetches pages: with its certificate, through a sealed channel to
 * exactly the memory provider the task names; without one (the INSECURE plaintext switch,
 * development only) over the plaintext data plane.
 */
final class DataPlaneSecurity {
    private final ProviderCredentials credentials;
    private final Clock clock;
    private final SealedTraffic traffic;

    /** @param credentials this provider's certificate material, or null when it runs without one */
    DataPlaneSecurity(@Nullable ProviderCredentials credentials, Clock clock, SealedTraffic traffic) {
        this.credentials = credentials;
        this.clock = clock;
        this.traffic = traffic;
    }

    boolean sealed() {
        return credentials != null;
    }

    SealedTraffic traffic() {
        return traffic;
    }

    /**
     * The initiator of one page stream to {@code source}'s memory provider.
     *
     * @param crls the federation's current CRLs (DER), asked for during the handshake
     */
    SealedChannel channelTo(String jobId, DatasetSource source, Supplier<List<byte[]>> crls) {
        if (credentials == null) {
            throw new IllegalStateException("this compute provider has no certificate, so it opens no sealed channel");
        }
        if (source.getMemoryProviderOrganisation().isEmpty() || source.getMemoryProviderName().isEmpty()) {
            throw new IllegalArgumentException("the task does not name the organisation and provider name of the "
                    + "memory provider of dataset " + source.getDatasetId());
        }
        return SealedPageStreams.requester(jobId, credentials.localIdentity(),
                new ExpectedPeer(source.getMemoryProviderOrganisation(), source.getMemoryProviderName()),
                credentials.verifier(clock, crls));
    }
}
