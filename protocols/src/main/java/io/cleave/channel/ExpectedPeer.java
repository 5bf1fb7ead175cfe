package io.cleave.channel;

import java.util.Objects;

/** The provider this side must be talking to, as named in the job's assignment. */
public record ExpectedPeer(String organisation, String provider) {
    public ExpectedPeer {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(provider, "provider");
        if (organisation.isBlank() || provider.isBlank()) {
            throw new IllegalArgumentException("organisation and provider must not be blank");
        }
    }

    boolean matches(PeerIdentity identity) {
        return organisation.equals(identity.organisation()) && provider.equals(identity.provider());
    }
}
