package io.cleave.attestation.pki;

import io.cleave.crypto.SignaturePublicKey;
import java.time.Instant;
import java.util.Objects;

/** Who a validated provider certificate names, and until when it is valid. */
public record ProviderIdentity(String organisation, String provider, ProviderKind kind, SignaturePublicKey key,
        Instant notAfter) {
    public ProviderIdentity {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
