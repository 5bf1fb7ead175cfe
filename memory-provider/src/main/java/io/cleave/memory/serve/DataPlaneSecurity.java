package io.cleave.memory.serve;

import io.cleave.attestation.pki.ProviderCredentials;
import io.cleave.channel.ExpectedPeer;
import io.cleave.channel.SealedChannel;
import io.cleave.dataplane.SealedPageStreams;
import io.cleave.dataplane.SealedTraffic;
import io.cleave.protocols.v1.ServeGrant;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * How this memory provider protects pages on the wire: with its certificate, every page goes
 * through a sealed channel to the one compute provider the grant names; without one (the INSECURE
 * plaintext switch, development only) the plaintext data plane serves TRUSTED jobs.
 */
final class DataPlaneSecurity {
    private final ProviderCredentials credentials;
    private final Clock clock;
    private final Supplier<List<byte[]>> crls;
    private final SealedTraffic traffic;

    /**
     * @param credentials this provider's certificate material, or null when it runs without one
     * @param crls the federation's current CRLs (DER), asked for on every handshake
     */
    DataPlaneSecurity(@Nullable ProviderCredentials credentials, Clock clock, Supplier<List<byte[]>> crls,
            SealedTraffic traffic) {
        this.credentials = credentials;
        this.clock = clock;
        this.crls = crls;
        this.traffic = traffic;
    }

    boolean sealed() {
        return credentials != null;
    }

    SealedTraffic traffic() {
        return traffic;
    }

    /**
     * The responder of one page stream, expecting exactly the grantee's certificate identity.
     *
     * @throws GrantBook.GrantException if the grant does not say whom it was given to
     */
    SealedChannel channelFor(ServeGrant grant) throws GrantBook.GrantException {
        if (credentials == null) {
            throw new IllegalStateException("this memory provider has no certificate, so it serves no sealed channel");
        }
        if (grant.getGranteeOrganisation().isEmpty() || grant.getGranteeName().isEmpty()) {
            throw new GrantBook.GrantException("the grant for job " + grant.getJobId()
                    + " does not name the grantee's organisation and provider name");
        }
        return SealedPageStreams.server(grant.getJobId(), credentials.localIdentity(),
                new ExpectedPeer(grant.getGranteeOrganisation(), grant.getGranteeName()),
                credentials.verifier(clock, crls));
    }
}
