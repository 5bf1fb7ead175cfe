package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.audit.KafkaCluster;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.federation.OrganisationService;
import io.cleave.broker.federation.ProviderRegistration;
import io.cleave.broker.federation.ProviderService;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.JobState;
import io.cleave.broker.job.JobSubmission;
import io.cleave.broker.persistence.AuditEntry;
import io.cleave.broker.persistence.AuditRepository;
import io.cleave.broker.persistence.JobParty;
import io.cleave.broker.persistence.JobRepository;
import io.cleave.broker.persistence.OutboxRepository;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the broker's state must do on every supported database: each change one transaction with
 * its audit record, refusals that write nothing, and the job lifecycle. Subclasses choose the database.
 */
abstract class BrokerStateContract {
    @Inject
    OrganisationService organisations;
    @Inject
    ProviderService providers;
    @Inject
    DatasetService datasets;
    @Inject
    JobService jobs;
    @Inject
    JobRepository jobRepository;
    @Inject
    AuditRepository audit;
    @Inject
    OutboxRepository outbox;
    @Inject
    KafkaCluster kafka;

    private static int scenarios;

    private static synchronized String nextSuffix() {
        return "s" + (++scenarios);
    }

    @Test
    void createOrganisation_writesRecordAndOutboxEntryTogether() {
        long before = audit.count();
        var org = organisations.create("org-" + nextSuffix(), "admin");
        List<AuditEntry> records = audit.findBySubjectIdOrderBySeq(org.id());
        assertEquals(1, records.size());
        assertEquals("organisation.created", records.get(0).action());
        assertEquals(before + 1, audit.count());
    }

    @Test
    void createOrganisation_duplicate_refusedAndNothingWritten() {
        String name = "dup-" + nextSuffix();
        organisations.create(name, "admin");
        long before = audit.count();
        var e = assertThrows(FederationException.class, () -> organisations.create(name, "admin"));
        assertEquals("organisation '" + name + "' already exists", e.getMessage());
        assertEquals(before, audit.count());
    }

    @Test
    void registerProvider_unknownOrganisation_refusedAndNothingWritten() {
        long before = audit.count();
        var e = assertThrows(FederationException.class, () -> providers.register(
                new ProviderRegistration("nobody", "compute-1", "COMPUTE", 2, 1 << 30, "")));
        assertEquals("unknown organisation 'nobody'", e.getMessage());
        assertEquals(before, audit.count());
    }

    @Test
    void submitJob_missingDataset_refusedAndNoJobLeft() {
        var s = new FederationScenario(organisations, providers, datasets, nextSuffix());
        long jobsBefore = jobRepository.count();
        long auditBefore = audit.count();
        var e = assertThrows(FederationException.class, () -> jobs.submit(submission(
                "hospital-x", List.of("hospital-x/none")), "test"));
        assertEquals("unknown organisation 'hospital-x'", e.getMessage());
        String owner = organisations.byId(s.memory.organisationId()).name();
        e = assertThrows(FederationException.class, () -> jobs.submit(submission(owner, List.of(owner + "/none")),
                "test"));
        assertEquals("unknown dataset '" + owner + "/none'", e.getMessage());
        assertEquals(jobsBefore, jobRepository.count());
        assertEquals(auditBefore, audit.count());
    }

    @Test
    void submitJob_badHyperparameters_refusedWithReason() {
        var s = new FederationScenario(organisations, providers, datasets, nextSuffix());
        String owner = organisations.byId(s.memory.organisationId()).name();
        var zeroEpochs = new JobSubmission(null, owner, List.of(s.dataset.id()), null, null, 0, null, null, null, null,
                null, null, null, null);
        assertEquals("epochs must be in [1, 10000], found 0",
                assertThrows(FederationException.class, () -> jobs.submit(zeroEpochs, "test")).getMessage());
        var badBits = new JobSubmission(null, owner, List.of(s.dataset.id()), null, null, null, null, null, null, null,
                null, 40, null, null);
        assertEquals("fraction_bits must be in [8, 30], found 40",
                assertThrows(FederationException.class, () -> jobs.submit(badBits, "test")).getMessage());
    }

    @Test
    void jobLifecycle_everyTransitionAudited_inOrder() {
        var s = new FederationScenario(organisations, providers, datasets, nextSuffix());
        String owner = organisations.byId(s.memory.organisationId()).name();
        var job = jobs.submit(submission(owner, List.of(s.dataset.id())), "org:" + owner);
        assertEquals("SUBMITTED", job.state());
        jobs.schedule(job.id(), List.of(
                new JobParty(new JobParty.Key(job.id(), s.memory.id(), "memory"), s.dataset.id(), "00".repeat(32)),
                new JobParty(new JobParty.Key(job.id(), s.compute.id(), "compute"), null, null)));
        jobs.reportProgress(job.id(), s.compute.id(), 1, 10, 20, 0.5);
        var done = jobs.finish(job.id(), s.compute.id(), true, "", "{\"metrics\":{}}", "ab".repeat(32));
        assertEquals("COMPLETED", done.state());
        List<String> actions = audit.findBySubjectIdOrderBySeq(job.id()).stream().map(AuditEntry::action).toList();
        assertEquals(List.of("job.submitted", "job.scheduled", "job.running", "job.epoch_finished", "job.completed"),
                actions);
        assertEquals("job " + job.id() + " already ended as COMPLETED",
                assertThrows(FederationException.class, () -> jobs.cancel(job.id(), "test")).getMessage());
        jobs.failIfStalled(job.id(), JobState.RUNNING, java.time.Duration.ZERO, "too late");
        assertEquals("COMPLETED", jobs.byId(job.id()).state());
    }

    @Test
    void reportProgress_fromProviderOutsideTheJob_refused() {
        var s = new FederationScenario(organisations, providers, datasets, nextSuffix());
        String owner = organisations.byId(s.memory.organisationId()).name();
        var job = jobs.submit(submission(owner, List.of(s.dataset.id())), "test");
        var e = assertThrows(FederationException.class,
                () -> jobs.reportProgress(job.id(), s.compute.id(), 1, 1, 1, null));
        assertEquals("provider " + s.compute.id() + " is not a compute party of job " + job.id(), e.getMessage());
        assertEquals(JobState.SUBMITTED.name(), jobs.byId(job.id()).state());
    }

    @Test
    void relay_drainsOutbox_everyRecordInKafkaOnce() throws InterruptedException {
        organisations.create("relay-" + nextSuffix(), "admin");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (outbox.count() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, outbox.count(), "the relay should drain the outbox");
        List<String> ids = audit.findBySeqGreaterThanOrderBySeq(0, Pageable.from(0, 10_000)).stream()
                .map(AuditEntry::id).toList();
        assertTrue(ids.size() > 0);
        List<String> published = KafkaTopics.readIds(kafka.bootstrapServers(), "cleave.audit", ids.size());
        assertEquals(Set.copyOf(ids), Set.copyOf(published));
        assertEquals(ids.size(), published.size(), "no record may be published twice");
    }

    static JobSubmission submission(String owner, List<String> datasets) {
        return new JobSubmission("test", owner, datasets, "LOGISTIC", "TRUSTED", 2, 32, 0.1, 0.0, 7L, 0.25, 16, true,
                null);
    }
}
