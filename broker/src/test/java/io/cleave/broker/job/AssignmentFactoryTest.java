package io.cleave.broker.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cleave.broker.FederationScenario;
import io.cleave.broker.TestDatabases;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.persistence.JobParty;
import io.cleave.protocols.v1.Assignment;
import io.cleave.protocols.v1.DatasetSource;
import io.cleave.protocols.v1.ServeGrant;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each side of a page stream learns from its assignment whom the sealed channel must reach: the
 * organisation and provider name its peer's certificate carries.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssignmentFactoryTest implements TestPropertyProvider {
    @Inject
    OrganisationService organisations;
    @Inject
    ProviderService providers;
    @Inject
    DatasetService datasets;
    @Inject
    JobService jobs;
    @Inject
    AssignmentFactory assignments;

    @Override
    public Map<String, String> getProperties() {
        try {
            return TestDatabases.h2(Files.createTempDirectory("cleave-assign-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void forJob_bothSides_nameTheirPeersCertifiedIdentity() {
        var s = new FederationScenario(organisations, providers, datasets, "peers");
        var job = jobs.submit(new JobSubmission("test", "hospital-peers", List.of(s.dataset.id()), "LOGISTIC",
                "TRUSTED", 2, 32, 0.1, 0.0, 7L, 0.25, 16, false, null), "test");
        jobs.schedule(job.id(), List.of(
                new JobParty(new JobParty.Key(job.id(), s.memory.id(), "memory"), s.dataset.id(), "00".repeat(32)),
                new JobParty(new JobParty.Key(job.id(), s.compute.id(), "compute"), null, null)));
        ServeGrant grant = assignments.forJob(jobs.byId(job.id()), s.memory.id()).stream()
                .map(Assignment::getServe).findFirst().orElseThrow();
        assertEquals(List.of(s.compute.id(), "compute-peers", "compute-1"),
                List.of(grant.getGranteeProviderId(), grant.getGranteeOrganisation(), grant.getGranteeName()));
        DatasetSource source = assignments.forJob(jobs.byId(job.id()), s.compute.id()).stream()
                .map(a -> a.getTrain().getDatasets(0)).findFirst().orElseThrow();
        assertEquals(List.of(s.memory.id(), "hospital-peers", "memory-1"), List.of(source.getMemoryProviderId(),
                source.getMemoryProviderOrganisation(), source.getMemoryProviderName()));
    }
}
