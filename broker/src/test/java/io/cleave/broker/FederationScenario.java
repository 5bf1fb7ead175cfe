package io.cleave.broker;

import io.cleave.broker.federation.DatasetRegistration;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderRegistration;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.persistence.DatasetRecord;
import io.cleave.broker.persistence.Provider;
import java.util.List;

/** Builds a small federation through the services: a data organisation and a compute organisation. */
public final class FederationScenario {
    public final Provider memory;
    public final Provider compute;
    public final DatasetRecord dataset;

    public FederationScenario(OrganisationService orgs, ProviderService providers, DatasetService datasets,
            String suffix) {
        orgs.create("hospital-" + suffix, "admin");
        orgs.create("compute-" + suffix, "admin");
        memory = providers.register(new ProviderRegistration("hospital-" + suffix, "memory-1", "MEMORY", 0, 1 << 20,
                "127.0.0.1:50061"));
        compute = providers.register(new ProviderRegistration("compute-" + suffix, "compute-1", "COMPUTE", 2, 1 << 30,
                ""));
        dataset = datasets.register(new DatasetRegistration(memory.id(), "cancer", new SchemaView(List.of(
                new SchemaView.ColumnView("radius", false, 14.1, 3.5),
                new SchemaView.ColumnView("texture", false, 19.3, 4.3),
                new SchemaView.ColumnView("target", true, 0, 1))), 569, 64, 9, 569 * 3 * 8));
    }
}
