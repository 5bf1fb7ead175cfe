package io.cleave.broker.federation;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.DatasetRepository;
import io.cleave.broker.persistence.Organisation;
import io.cleave.broker.persistence.Provider;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The catalogue of datasets: schemas and sizes as their memory providers announce them. */
@Singleton
public class DatasetService {
    private final DatasetRepository datasets;
    private final ProviderService providers;
    private final OrganisationService organisations;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    public DatasetService(DatasetRepository datasets, ProviderService providers, OrganisationService organisations,
            AuditTrail audit, JsonMapper json, Clock clock) {
        this.datasets = datasets;
        this.providers = providers;
        this.organisations = organisations;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Registers a dataset, or replaces the description of the same name that its provider announced before. */
    @Transactional
    public DatasetRecord register(DatasetRegistration r) {
        Provider provider = providers.byId(r.providerId());
        if (!"MEMORY".equals(provider.kind())) {
            throw FederationException.invalid("only memory providers hold datasets; provider '" + provider.name()
                    + "' is " + provider.kind());
        }
        Organisation org = organisations.byId(provider.organisationId());
        var existing = datasets.findByOrganisationIdAndName(org.id(), r.name());
        String id = existing.map(DatasetRecord::id).orElseGet(() -> UUID.randomUUID().toString());
        DatasetRecord record = new DatasetRecord(id, org.id(), provider.id(), r.name(), toJson(r.schema()), r.rowCount(),
                r.rowsPerPage(), r.pageCount(), r.sizeBytes(), clock.instant());
        DatasetRecord saved = existing.isPresent() ? datasets.update(record) : datasets.save(record);
        audit.record(new AuditEvent(org.name(), "provider:" + provider.id(),
                existing.isPresent() ? "dataset.updated" : "dataset.registered", "dataset", id, null,
                Map.of("name", r.name(), "rows", r.rowCount(), "columns", r.schema().columns().size())));
        return saved;
    }

    @Transactional
    public List<DatasetRecord> list() {
        return datasets.listOrderByRegisteredAt();
    }

    /** Finds a dataset by id or by "organisation/name". */
    @Transactional
    public DatasetRecord resolve(String reference) {
        int slash = reference.indexOf('/');
        if (slash > 0) {
            Organisation org = organisations.byName(reference.substring(0, slash));
            return datasets.findByOrganisationIdAndName(org.id(), reference.substring(slash + 1))
                    .orElseThrow(() -> FederationException.notFound("unknown dataset '" + reference + "'"));
        }
        return datasets.findById(reference)
                .orElseThrow(() -> FederationException.notFound("unknown dataset '" + reference + "'"));
    }

    public SchemaView schema(DatasetRecord dataset) {
        try {
            return json.readValue(dataset.schemaJson(), SchemaView.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored schema of dataset " + dataset.id() + " is unreadable", e);
        }
    }

    private String toJson(SchemaView schema) {
        try {
            return json.writeValueAsString(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
