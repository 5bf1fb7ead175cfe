package io.cleave.broker.api.http;

import io.cleave.attestation.EvidenceType;
import io.cleave.broker.attestation.AttestationService;
import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.Role;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.AttestationRecord;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.persistence.Provider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Organisations, providers and datasets. The catalogue (providers, datasets: names, capacity and
 * schemas, never values) is open to every signed-in user; an organisation's own record to its people,
 * the broker administrator and auditors.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class FederationController {
    private final OrganisationService organisations;
    private final ProviderService providers;
    private final DatasetService datasets;
    private final Clock clock;
    private final AttestationService attestation;

    FederationController(OrganisationService organisations, ProviderService providers, DatasetService datasets,
            Clock clock, AttestationService attestation) {
        this.attestation = attestation;
        this.organisations = organisations;
        this.providers = providers;
        this.datasets = datasets;
        this.clock = clock;
    }

    @Post("/organisations")
    @Secured(Role.Names.BROKER_ADMIN)
    HttpResponse<Views.OrganisationView> createOrganisation(Authentication authentication,
            @Body Views.OrganisationCreate body) {
        if (body.name() == null) {
            throw FederationException.invalid("an organisation needs a name");
        }
        return HttpResponse.created(view(organisations.create(body.name(), Caller.of(authentication).actor())));
    }

    /** The directory: every active organisation, and one's own whatever its state; everything for broker-wide roles. */
    @Get("/organisations")
    List<Views.OrganisationView> organisations(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return organisations.list().stream()
                .filter(o -> caller.readsEverything() || caller.belongsTo(o.name())
                        || OrganisationService.ACTIVE.equals(o.status()))
                .map(FederationController::view).toList();
    }

    @Get("/organisations/{name}")
    Views.OrganisationView organisation(Authentication authentication, String name) {
        Caller.of(authentication).requireReadOf(name);
        return view(organisations.byName(name));
    }

    @Get("/providers")
    List<Views.ProviderView> providers() {
        Map<String, String> orgNames = orgNames();
        return providers.list().stream().map(p -> view(p, orgNames.get(p.organisationId()))).toList();
    }

    @Get("/datasets")
    List<Views.DatasetView> datasets() {
        Map<String, String> orgNames = orgNames();
        Map<String, String> providerNames = new HashMap<>();
        providers.list().forEach(p -> providerNames.put(p.id(), p.name()));
        return datasets.list().stream()
                .map(d -> view(d, orgNames.get(d.organisationId()), providerNames.get(d.providerId()))).toList();
    }

    @Get("/datasets/{id}")
    Views.DatasetView dataset(String id) {
        DatasetRecord d = datasets.resolve(id);
        return view(d, organisations.byId(d.organisationId()).name(), providers.byId(d.providerId()).name());
    }

    private Map<String, String> orgNames() {
        Map<String, String> names = new HashMap<>();
        organisations.list().forEach(o -> names.put(o.id(), o.name()));
        return names;
    }

    private static Views.OrganisationView view(Organisation o) {
        return new Views.OrganisationView(o.id(), o.name(), o.status(), o.createdAt());
    }

    private Views.ProviderView view(Provider p, String organisation) {
        return new Views.ProviderView(p.id(), organisation, p.name(), p.kind(), p.cores(), p.memoryBytes(),
                p.freeCores(), p.freeMemoryBytes(), p.dataPlaneEndpoint(), providers.isAlive(p),
                Duration.between(p.lastHeartbeatAt(), clock.instant()).toMillis(),
                attestation.latestFor(p.id()).map(this::view).orElse(null));
    }

    private Views.AttestationView view(AttestationRecord a) {
        return new Views.AttestationView(a.evidenceType(), a.valid(),
                a.valid() && a.expiresAt() != null && a.expiresAt().isAfter(clock.instant()),
                AttestationService.label(EvidenceType.valueOf(a.evidenceType())), a.measurement(), a.tcb(), a.issuedAt(),
                a.expiresAt(), a.reason());
    }

    private Views.DatasetView view(DatasetRecord d, String organisation, String provider) {
        return new Views.DatasetView(d.id(), organisation, provider, d.name(), datasets.schema(d), d.rowCount(),
                d.rowsPerPage(), d.pageCount(), d.sizeBytes(), d.registeredAt());
    }
}
