package io.cleave.broker.api.grpc;

import io.cleave.attestation.pki.ProviderIdentity;
import io.cleave.broker.config.ControlPlaneConfig;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.Provider;
import io.cleave.crypto.SignaturePublicKey;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * A provider acts only for itself: the organisation, name and kind a request speaks for must be
 * those of the caller's certificate. Checked before anything is changed.
 */
@Singleton
final class CallerCheck {
    private final ControlPlaneConfig config;
    private final ProviderService providers;
    private final OrganisationService organisations;

    CallerCheck(ControlPlaneConfig config, ProviderService providers, OrganisationService organisations) {
        this.config = config;
        this.providers = providers;
        this.organisations = organisations;
    }

    /** The request speaks for provider {@code name} of kind {@code kind} in {@code organisation}. */
    void requireSelf(String organisation, String name, String kind) {
        if (config.insecurePlaintext()) {
            return;
        }
        ProviderIdentity caller = CallerIdentityInterceptor.CALLER.get();
        if (caller == null) {
            throw new CallerRefused("the caller has no validated certificate");
        }
        if (!caller.organisation().equals(organisation) || !caller.provider().equals(name)
                || !caller.kind().name().equals(kind)) {
            throw new CallerRefused("caller " + caller.organisation() + "/" + caller.provider() + " ("
                    + caller.kind() + ") may act only for itself, not for " + organisation + "/" + name + " (" + kind
                    + ")");
        }
    }

    /** The public key of the caller's validated certificate; null only in the insecure plaintext mode. */
    @Nullable
    SignaturePublicKey certifiedKey() {
        ProviderIdentity caller = CallerIdentityInterceptor.CALLER.get();
        return caller == null ? null : caller.key();
    }

    /** The request speaks for the registered provider {@code providerId}. */
    void requireProvider(String providerId) {
        if (config.insecurePlaintext()) {
            return;
        }
        Provider p = providers.byId(providerId);
        requireSelf(organisations.byId(p.organisationId()).name(), p.name(), p.kind());
    }

    /** A caller tried to act for another provider. */
    static final class CallerRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallerRefused(String message) {
            super(message);
        }
    }
}
