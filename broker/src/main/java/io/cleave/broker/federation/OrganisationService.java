package io.cleave.broker.federation;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.persistence.OrganisationRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organisations of the federation. */
@Singleton
public class OrganisationService {
    public static final String ACTIVE = "ACTIVE";
    private final OrganisationRepository organisations;
    private final AuditTrail audit;
    private final Clock clock;

    public OrganisationService(OrganisationRepository organisations, AuditTrail audit, Clock clock) {
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Organisation create(String name, String actor) {
        Names.require("organisation", name);
        if (organisations.findByName(name).isPresent()) {
            throw FederationException.conflict("organisation '" + name + "' already exists");
        }
        Organisation org = organisations.save(new Organisation(UUID.randomUUID().toString(), name, ACTIVE,
                clock.instant()));
        audit.record(new AuditEvent(name, actor, "organisation.created", "organisation", org.id(), null,
                Map.of("name", name)));
        return org;
    }

    @Transactional
    public List<Organisation> list() {
        return organisations.listOrderByName();
    }

    @Transactional
    public Organisation byName(String name) {
        return organisations.findByName(name)
                .orElseThrow(() -> FederationException.notFound("unknown organisation '" + name + "'"));
    }

    @Transactional
    public Organisation byId(String id) {
        return organisations.findById(id)
                .orElseThrow(() -> FederationException.notFound("unknown organisation id '" + id + "'"));
    }
}
