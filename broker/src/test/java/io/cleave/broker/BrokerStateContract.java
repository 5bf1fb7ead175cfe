package io.cleave.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.audit.KafkaCluster;
import io.cleave.broker.federation.DatasetRegistration;
import io.cleave.broker.federation.DatasetService;
import io.cleave.broker.federation.SchemaView;
import io.cleave.broker.job.ConsentService;
import io.cleave.broker.job.JobAttempts;
import io.cleave.broker.relay.RelayMembership;
import io.cleave.broker.relay.RelayRefused;
import io.cleave.mpc.JobRandomness;
import io.cleave.relay.RelaySession;
import io.cleave.broker.pki.EnrolmentService;
import io.cleave.broker.pki.OrganisationKeyService;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
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
import io.cleave.broker.persistence.OrganisationRepository;
import io.cleave.broker.persistence.OutboxRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.NoTransactionException;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    @Inject
    EnrolmentService enrolments;
    @Inject
    OrganisationKeyService hpkeKeys;
    @Inject
    ConsentService consents;
    @Inject
    JobAttempts attempts;
    @Inject
    RelayMembership relayMembership;
    @Inject
    AuditTrail trail;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    OrganisationRepository organisationRepository;

    private static int scenarios;

    private FederationScenario scenario() {
        return new FederationScenario(enrolments, hpkeKeys, providers, datasets, nextSuffix());
    }

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
    void auditRecord_outsideATransaction_refusedAndNothingWritten() {
        long before = audit.count();
        var e = assertThrows(NoTransactionException.class, () -> trail.record(
                new AuditEvent(null, "admin", "test.loose", "job", "j-1", null, Map.of())));
        assertEquals("audit record test.loose of job j-1 must be written in the transaction of the change it records",
                e.getMessage());
        assertEquals(before, audit.count());
    }

    @Test
    void auditRecord_detailsItCannotEncode_rollsBackTheChangeEvenIfTheCallerCarriesOn() {
        String name = "undetailed-" + nextSuffix();
        long before = audit.count();
        String refusal = transactions.executeWrite(status -> {
            organisations.create(name, "admin");
            try {
                trail.record(new AuditEvent(name, "admin", "test.undetailed", "organisation", name, null,
                        Map.of("when", Instant.EPOCH)));
                return "recorded";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
        assertEquals("audit details cannot hold a Instant; use strings, numbers, booleans, enums, lists and maps",
                refusal);
        assertTrue(organisationRepository.findByName(name).isEmpty(), "the change must not commit without its record");
        assertEquals(before, audit.count());
    }

    @Test
    void auditRecord_detailsStoredCanonically() {
        String subject = "canonical-" + nextSuffix();
        transactions.executeWrite(status -> trail.record(new AuditEvent(null, "admin", "test.canonical", "job", subject,
                null, Map.of("b", 2.0, "a", Map.of("d", true, "c", "x\n\"é"), "state", JobState.RUNNING,
                        "list", List.of(1, 0.5)))));
        assertEquals("{\"a\":{\"c\":\"x\\n\\\"é\",\"d\":true},\"b\":2,\"list\":[1,0.5],\"state\":\"RUNNING\"}",
                audit.findBySubjectIdOrderBySeq(subject).get(0).detailsJson());
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
        var s = scenario();
        long jobsBefore = jobRepository.count();
        long auditBefore = audit.count();
        var e = assertThrows(FederationException.class, () -> jobs.submit(submission(
                "hospital-x", List.of("hospital-x/none"), s.computeB), "test"));
        assertEquals("unknown organisation 'hospital-x'", e.getMessage());
        String owner = s.hospital;
        e = assertThrows(FederationException.class, () -> jobs.submit(submission(owner, List.of(owner + "/none"),
                s.computeB), "test"));
        assertEquals("unknown dataset '" + owner + "/none'", e.getMessage());
        assertEquals(jobsBefore, jobRepository.count());
        assertEquals(auditBefore, audit.count());
    }

    @Test
    void submitJob_badHyperparameters_refusedWithReason() {
        var s = scenario();
        String owner = s.hospital;
        var zeroEpochs = new JobSubmission(null, owner, List.of(s.dataset.id()), null, null, 0, null, null, null, null,
                null, null, null, null, List.of(s.computeB, s.computeC), null);
        assertEquals("epochs must be in [1, 10000], found 0",
                assertThrows(FederationException.class, () -> jobs.submit(zeroEpochs, "test")).getMessage());
        var badBits = new JobSubmission(null, owner, List.of(s.dataset.id()), null, null, null, null, null, null, null,
                null, 21, null, null, List.of(s.computeB, s.computeC), null);
        assertEquals("fraction_bits must be in [8, 20], found 21",
                assertThrows(FederationException.class, () -> jobs.submit(badBits, "test")).getMessage());
    }

    @Test
    void jobLifecycle_everyTransitionAudited_inOrder() {
        var s = scenario();
        String owner = s.hospital;
        var job = jobs.submit(submission(owner, List.of(s.dataset.id()), s.computeB), "org:" + owner);
        assertEquals("AWAITING_CONSENT", job.state());
        assertEquals("awaiting consent from " + owner + ", " + s.computeB, job.stateReason());
        JointSpec spec = jobs.jointSpec(job.id());
        consents.decide(job.id(), owner, "APPROVE", s.sign(owner, spec, Consent.Decision.APPROVE), null, "org:" + owner);
        var consented = consents.decide(job.id(), s.computeB, "APPROVE", s.sign(s.computeB, spec,
                Consent.Decision.APPROVE), null, "org:" + s.computeB);
        assertEquals("every organisation consented; waiting for the scheduler", consented.stateReason());
        jobs.schedule(job.id(), List.of(
                new JobParty(new JobParty.Key(job.id(), s.memory.id(), "memory"), s.dataset.id(), "00".repeat(32)),
                new JobParty(new JobParty.Key(job.id(), s.compute.id(), "compute"), null, null)));
        jobs.reportProgress(job.id(), s.compute.id(), 1, 10, 20, 0.5, io.cleave.protocols.v1.ExCacheProgress
                .newBuilder().setHits(3).setMisses(1).setFetchedBytes(4096).setCapacityBytes(1 << 20).build());
        var epoch = jobs.progress(job.id()).get(0);
        assertEquals(List.of(3L, 1L, 4096L), List.of(epoch.excacheHits(), epoch.excacheMisses(),
                epoch.excacheFetchedBytes()));
        assertEquals(0.75, epoch.excacheHitRate());
        var done = jobs.finish(job.id(), s.compute.id(), true, "", "{\"metrics\":{}}", "ab".repeat(32));
        assertEquals("COMPLETED", done.state());
        List<String> actions = audit.findBySubjectIdOrderBySeq(job.id()).stream().map(AuditEntry::action).toList();
        assertEquals(List.of("job.submitted", "job.awaiting_consent", "job.consent_approve", "job.consent_approve",
                "job.scheduled", "job.running", "job.epoch_finished", "job.completed"), actions);
        assertEquals("job " + job.id() + " already ended as COMPLETED",
                assertThrows(FederationException.class, () -> jobs.cancel(job.id(), "test")).getMessage());
        jobs.failIfStalled(job.id(), JobState.RUNNING, java.time.Duration.ZERO, "too late");
        assertEquals("COMPLETED", jobs.byId(job.id()).state());
    }

    @Test
    void pauseAndResume_fromLatestCommonCheckpoint_eachStepAudited_staleAttemptShutOut() {
        var s = scenario();
        var job = jointJobRunning(s);
        JobRandomness dealt = attempts.dealerRandomness(job.id());
        byte[] commitment = new byte[32];
        attempts.recordCheckpoint(job.id(), s.compute.id(), 1, 1, commitment);
        String second = partyOne(job.id());
        attempts.recordCheckpoint(job.id(), second, 0, 1, commitment);
        assertEquals("a checkpoint report needs a 32-byte commitment and an epoch from 1 to 1, found 32 bytes and epoch 2",
                assertThrows(FederationException.class, () -> attempts.recordCheckpoint(job.id(), s.compute.id(), 1, 2,
                        commitment)).getMessage());

        attempts.pause(job.id(), second);
        var paused = jobs.byId(job.id());
        assertEquals("PAUSED", paused.state());
        assertEquals("provider 'compute-2' of '" + s.computeB + "' (party-1) disconnected; the job resumes after epoch 1"
                + " when it returns", paused.stateReason());
        assertFalse(attempts.isCurrent(job.id(), 1), "a paused attempt's reports are no longer taken");
        jobs.reportProgress(job.id(), s.compute.id(), 2, 40, 40, null, null);
        assertEquals("PAUSED", jobs.byId(job.id()).state());
        assertEquals("job " + job.id() + " is PAUSED, not running", assertThrows(RelayRefused.class,
                () -> relayMembership.requireParticipant(job.id(), "party-0", null)).getMessage());

        attempts.resume(job.id());
        assertEquals("RUNNING", jobs.byId(job.id()).state());
        assertEquals("resumed as attempt 2 after epoch 1", jobs.byId(job.id()).stateReason());
        assertEquals(2, attempts.current(job.id()).attempt());
        assertEquals(1, attempts.current(job.id()).resumeAfterEpoch());
        assertSame(dealt, attempts.dealerRandomness(job.id()), "every attempt is dealt from one root");
        assertTrue(attempts.isCurrent(job.id(), 2));
        assertFalse(attempts.isCurrent(job.id(), 1));
        relayMembership.requireParticipant(new RelaySession(job.id(), 2).id(), "party-0", null);
        assertEquals("relay session '" + job.id() + "' is attempt 1 of job " + job.id() + "; the current attempt is 2",
                assertThrows(RelayRefused.class, () -> relayMembership.requireParticipant(job.id(), "party-0", null))
                        .getMessage());
        attempts.recordCheckpoint(job.id(), s.compute.id(), 1, 1, commitment);

        List<String> actions = audit.findBySubjectIdOrderBySeq(job.id()).stream().map(AuditEntry::action).toList();
        assertEquals(List.of("job.scheduled", "job.running", "job.checkpointed", "job.checkpointed", "job.paused",
                "job.running"), actions.subList(actions.indexOf("job.scheduled"), actions.size()));
        jobs.cancel(job.id(), "test");
        attempts.forgetDealerRoot(job.id());
        assertEquals("the dealer's randomness of job " + job.id() + " is gone (the job ended, or the broker restarted "
                + "since it was first dealt), so it cannot be dealt again",
                assertThrows(IllegalStateException.class, () -> attempts.dealerRandomness(job.id())).getMessage());
    }

    private String partyOne(String jobId) {
        return jobs.parties(jobId).stream().filter(p -> p.key().role().equals("party-1")).findFirst().orElseThrow()
                .key().providerId();
    }

    /** A dealer's failure fails the job only while its attempt is the current one and the job is under way. */
    @Test
    void dealerFailed_failsTheCurrentAttemptOnly() {
        var s = scenario();
        var job = jointJobRunning(s);
        attempts.dealerRandomness(job.id());
        attempts.pause(job.id(), s.compute.id());
        attempts.dealerFailed(job.id(), 1, "relay closed");
        assertEquals("PAUSED", jobs.byId(job.id()).state(), "a paused attempt's dealer was stopped on purpose");
        attempts.resume(job.id());
        attempts.dealerFailed(job.id(), 1, "relay closed");
        assertEquals("RUNNING", jobs.byId(job.id()).state(), "attempt 1 is superseded");
        attempts.dealerFailed(job.id(), 2, "receiver gone");
        assertEquals("FAILED", jobs.byId(job.id()).state());
        assertEquals("the dealer failed: receiver gone", jobs.byId(job.id()).stateReason());
    }

    /** After a broker restart the dealer's root is gone: the job fails at once instead of resuming undealt. */
    @Test
    void paused_dealerRandomnessGone_failsInsteadOfResuming() {
        var s = scenario();
        var job = jointJobRunning(s);
        attempts.dealerRandomness(job.id());
        attempts.pause(job.id(), s.compute.id());
        attempts.forgetDealerRoot(job.id());
        attempts.resume(job.id());
        assertEquals("FAILED", jobs.byId(job.id()).state());
        assertEquals("the job cannot resume: the dealer's randomness is gone (the job ended, or the broker restarted "
                + "since it was first dealt), so it cannot be dealt again", jobs.byId(job.id()).stateReason());
        assertEquals(1, attempts.current(job.id()).attempt(), "no second attempt was started");
    }

    @Test
    void paused_partyNeverReturns_failsNamingIt() {
        var s = scenario();
        var job = jointJobRunning(s);
        attempts.pause(job.id(), s.compute.id());
        jobs.failIfStalled(job.id(), JobState.PAUSED, java.time.Duration.ZERO, "party-0 did not return");
        assertEquals("FAILED", jobs.byId(job.id()).state());
        assertEquals("party-0 did not return", jobs.byId(job.id()).stateReason());
        assertEquals("a job cannot go from FAILED to RUNNING", assertThrows(IllegalStateException.class,
                () -> JobState.FAILED.transitionTo(JobState.RUNNING)).getMessage());
    }

    /**
     * A consented job scheduled on two compute parties, running after its first progress report. It
     * is a TRUSTED job with both parties in one organisation, so that the broker's own watch, which
     * pauses SECRET_SHARED jobs whose parties are not connected, leaves it to the test.
     */
    private io.cleave.broker.persistence.Job jointJobRunning(FederationScenario s) {
        var job = jobs.submit(submission(s.hospital, List.of(s.dataset.id()), s.computeB), "test");
        JointSpec spec = jobs.jointSpec(job.id());
        for (String organisation : List.of(s.hospital, s.computeB)) {
            consents.decide(job.id(), organisation, "APPROVE", s.sign(organisation, spec, Consent.Decision.APPROVE), null,
                    "test");
        }
        var second = providers.register(new ProviderRegistration(s.computeB, "compute-2", "COMPUTE", 2, 1 << 30, ""));
        jobs.schedule(job.id(), List.of(
                new JobParty(new JobParty.Key(job.id(), s.memory.id(), "input-0"), s.dataset.id(), "00".repeat(32)),
                new JobParty(new JobParty.Key(job.id(), s.compute.id(), "party-0"), null, null),
                new JobParty(new JobParty.Key(job.id(), second.id(), "party-1"), null, null)));
        return jobs.reportProgress(job.id(), s.compute.id(), 0, 0, 20, null, null);
    }

    @Test
    void reportProgress_divergedLoss_epochKeptAndLossSaidInWords() {
        var s = scenario();
        var job = jobs.submit(submission(s.hospital, List.of(s.dataset.id()), s.computeB), "test");
        JointSpec spec = jobs.jointSpec(job.id());
        for (String organisation : List.of(s.hospital, s.computeB)) {
            consents.decide(job.id(), organisation, "APPROVE", s.sign(organisation, spec, Consent.Decision.APPROVE), null,
                    "test");
        }
        jobs.schedule(job.id(), List.of(
                new JobParty(new JobParty.Key(job.id(), s.memory.id(), "memory"), s.dataset.id(), "00".repeat(32)),
                new JobParty(new JobParty.Key(job.id(), s.compute.id(), "compute"), null, null)));
        jobs.reportProgress(job.id(), s.compute.id(), 1, 10, 20, 0.5, null);
        jobs.reportProgress(job.id(), s.compute.id(), 2, 20, 20, Double.NaN, null);
        assertEquals(Arrays.asList(0.5, null), jobs.progress(job.id()).stream().map(p -> p.loss()).toList());
        List<String> losses = audit.findBySubjectIdOrderBySeq(job.id()).stream()
                .filter(r -> "job.epoch_finished".equals(r.action())).map(AuditEntry::detailsJson).toList();
        assertEquals(List.of("{\"epoch\":1,\"epochs\":2,\"loss\":0.5}",
                "{\"epoch\":2,\"epochs\":2,\"loss\":\"not finite (NaN)\"}"), losses);
        assertEquals("RUNNING", jobs.byId(job.id()).state());
    }

    @Test
    void reportProgress_fromProviderOutsideTheJob_refused() {
        var s = scenario();
        String owner = s.hospital;
        var job = jobs.submit(submission(owner, List.of(s.dataset.id()), s.computeB), "test");
        var e = assertThrows(FederationException.class,
                () -> jobs.reportProgress(job.id(), s.compute.id(), 1, 1, 1, null, null));
        assertEquals("provider " + s.compute.id() + " is not a compute party of job " + job.id(), e.getMessage());
        assertEquals(JobState.AWAITING_CONSENT.name(), jobs.byId(job.id()).state());
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

    @Test
    void submitJob_badJointSpecs_refusedWithReasonAndNoJobLeft() {
        var s = scenario();
        var other = datasets.register(new DatasetRegistration(s.memory.id(), "other", new SchemaView(List.of(
                new SchemaView.ColumnView("age", false, 50, 10), new SchemaView.ColumnView("target", true, 0, 1))),
                10, 10, 1, 160));
        long jobsBefore = jobRepository.count();
        long auditBefore = audit.count();
        List<String> parties = List.of(s.computeB, s.computeC);
        assertEquals("unknown recipient organisation 'nobody'", refusal(new JobSubmission(null, s.hospital,
                List.of(s.dataset.id()), null, null, null, null, null, null, null, null, null, null, List.of("nobody"),
                parties, null)));
        assertEquals("recipient organisation '" + s.computeB + "' has published no HPKE key for results (cleave org "
                + "enroll publishes one)", refusal(new JobSubmission(null, s.hospital, List.of(s.dataset.id()), null,
                null, null, null, null, null, null, null, null, null, List.of(s.computeB), parties, null)));
        assertEquals("the two compute parties of a SECRET_SHARED job must belong to different organisations, found "
                + s.computeB + " twice", refusal(new JobSubmission(null, s.hospital, List.of(s.dataset.id()), null,
                null, null, null, null, null, null, null, null, null, null, List.of(s.computeB, s.computeB), null)));
        assertEquals("compute_organisations must name two organisations (party 0, party 1) for a SECRET_SHARED job, "
                + "found none", refusal(new JobSubmission(null, s.hospital, List.of(s.dataset.id()), null, null, null,
                null, null, null, null, null, null, null, null, null, null)));
        assertEquals("dataset '" + other.id() + "' has columns [age, target], unlike the first dataset's [radius, "
                + "texture, target]", refusal(new JobSubmission(null, s.hospital, List.of(s.dataset.id(), other.id()),
                null, null, null, null, null, null, null, null, null, null, null, parties, null)));
        assertEquals(jobsBefore, jobRepository.count());
        assertEquals(auditBefore, audit.count());
    }

    @Test
    void consent_forgedSignature_refusedAndNothingRecorded() {
        var s = scenario();
        var job = jobs.submit(submission(s.hospital, List.of(s.dataset.id()), s.computeB), "test");
        JointSpec spec = jobs.jointSpec(job.id());
        long auditBefore = audit.count();
        String signedByAnother = s.sign(s.computeB, spec, Consent.Decision.APPROVE);
        var e = assertThrows(FederationException.class, () -> consents.decide(job.id(), s.hospital, "APPROVE",
                signedByAnother, null, "test"));
        assertEquals("the consent signature does not verify against the certificate of organisation '" + s.hospital
                + "' for spec " + spec.hashHex(), e.getMessage());
        String refusalPassedAsApproval = s.sign(s.hospital, spec, Consent.Decision.REFUSE);
        assertThrows(FederationException.class, () -> consents.decide(job.id(), s.hospital, "APPROVE",
                refusalPassedAsApproval, null, "test"));
        assertEquals(auditBefore, audit.count());
        assertTrue(consents.consents(job.id()).isEmpty());
    }

    @Test
    void consent_refusal_failsJobWithReason() {
        var s = scenario();
        var job = jobs.submit(submission(s.hospital, List.of(s.dataset.id()), s.computeB), "test");
        JointSpec spec = jobs.jointSpec(job.id());
        var refused = consents.decide(job.id(), s.computeB, "REFUSE", s.sign(s.computeB, spec, Consent.Decision.REFUSE),
                "no capacity this week", "test");
        assertEquals("FAILED", refused.state());
        assertEquals("refused by " + s.computeB + ": no capacity this week", refused.stateReason());
    }

    private String refusal(JobSubmission submission) {
        return assertThrows(FederationException.class, () -> jobs.submit(submission, "test")).getMessage();
    }

    static JobSubmission submission(String owner, List<String> datasets, String computeOrganisation) {
        return new JobSubmission("test", owner, datasets, "LOGISTIC", "TRUSTED", 2, 32, 0.1, 0.0, 7L, 0.25, 16, true,
                null, List.of(computeOrganisation), null);
    }
}
