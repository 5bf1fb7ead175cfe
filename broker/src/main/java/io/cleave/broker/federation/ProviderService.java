package io.cleave.broker.federation;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.persistence.Provider;
import io.cleave.broker.persistence.ProviderRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Memory and compute providers: registration, liveness and capacity. */
@Singleton
public class ProviderService {
    private final ProviderRepository providers;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final Clock clock;
    private final BrokerConfig config;

    public ProviderService(ProviderRepository providers, OrganisationService organisations, AuditTrail audit,
            Clock clock, BrokerConfig config) {
        this.providers = providers;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
    }

    /** Registers a provider, or updates the declaration of one that registered before (after a restart). */
    @Transactional
    public Provider register(ProviderRegistration r) {
        Organisation org = organisations.byName(r.organisation());
        Instant now = clock.instant();
        var existing = providers.findByOrganisationIdAndName(org.id(), r.name());
        if (existing.isPresent() && !existing.get().kind().equals(r.kind())) {
            throw FederationException.conflict("provider '" + r.name() + "' of '" + org.name() + "' is registered as "
                    + existing.get().kind() + ", not " + r.kind());
        }
        String id = existing.map(Provider::id).orElseGet(() -> UUID.randomUUID().toString());
        Provider provider = new Provider(id, org.id(), r.name(), r.kind(), r.cores(), r.memoryBytes(), r.cores(),
                r.memoryBytes(), r.dataPlaneEndpoint(), existing.map(Provider::registeredAt).orElse(now), now);
        Provider saved = existing.isPresent() ? providers.update(provider) : providers.save(provider);
        audit.record(new AuditEvent(org.name(), "provider:" + id,
                existing.isPresent() ? "provider.reregistered" : "provider.registered", "provider", id, null,
                Map.of("name", r.name(), "kind", r.kind(), "cores", r.cores(), "memory_bytes", r.memoryBytes())));
        return saved;
    }

    /** Records liveness and free capacity; not audited (it is not a change of state). */
    @Transactional
    public Provider heartbeat(String providerId, int freeCores, long freeMemoryBytes) {
        Provider p = byId(providerId);
        return providers.update(p.withHeartbeat(Math.min(freeCores, p.cores()),
                Math.min(freeMemoryBytes, p.memoryBytes()), clock.instant()));
    }

    @Transactional
    public Provider byId(String providerId) {
        return providers.findById(providerId)
                .orElseThrow(() -> FederationException.notFound("unknown provider id '" + providerId + "'"));
    }

    @Transactional
    public List<Provider> list() {
        return providers.listOrderByRegisteredAt();
    }

    @Transactional
    public List<Provider> compute() {
        return providers.findByKindOrderByRegisteredAt("COMPUTE");
    }

    public boolean isAlive(Provider p) {
        return p.lastHeartbeatAt().plus(config.providerTimeout()).isAfter(clock.instant());
    }
}
