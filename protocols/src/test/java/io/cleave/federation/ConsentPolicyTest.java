package io.cleave.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cleave.protocols.v1.JobSpec;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.SpecDataset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The standing policy's verdict, field by field: each partner role of the spec (owner, data
 * owner, compute, recipient), the organisation's own datasets, the mode, and the action.
 */
class ConsentPolicyTest {
    /** hospital-a's policy: the demo's partners, its one dataset, secret sharing only. */
    private static final ConsentPolicy POLICY = new ConsentPolicy(Set.of("hospital-b", "compute-b", "compute-c"),
            Set.of("breast-a"), Set.of(ProtectionMode.SECRET_SHARED), ConsentPolicy.Action.AUTO_APPROVE);

    /** The demo's job, as hospital-a sees it: every field inside {@link #POLICY}. */
    private static JobSpec.Builder demoJob() {
        return JobSpec.newBuilder().setSpecVersion(JointSpec.VERSION).setJobId("job-1").setOwner("hospital-a")
                .setMode(ProtectionMode.SECRET_SHARED)
                .addDatasets(dataset("hospital-a", "breast-a")).addDatasets(dataset("hospital-b", "breast-b"))
                .addComputeOrganisations("compute-b").addComputeOrganisations("compute-c")
                .addRecipients("hospital-a").addRecipients("hospital-b");
    }

    private static SpecDataset dataset(String organisation, String name) {
        return SpecDataset.newBuilder().setDatasetId(organisation + "/" + name).setOrganisation(organisation)
                .setName(name).setRowCount(100).build();
    }

    private static PolicyVerdict verdict(ConsentPolicy policy, JobSpec.Builder job, String organisation) {
        return policy.evaluate(JointSpec.of(job.build()), organisation);
    }

    private static void assertRefused(JobSpec.Builder job, String... outside) {
        PolicyVerdict verdict = verdict(POLICY, job, "hospital-a");
        assertEquals(new PolicyVerdict(PolicyVerdict.Outcome.REFUSE, List.of(outside)), verdict);
        assertEquals("outside the standing consent policy: " + String.join("; ", outside), verdict.reason());
    }

    @Test
    void evaluate_everythingInside_autoApprove_approves() {
        PolicyVerdict verdict = verdict(POLICY, demoJob(), "hospital-a");
        assertEquals(PolicyVerdict.Outcome.APPROVE, verdict.outcome());
        assertEquals("inside the standing consent policy, which approves such jobs", verdict.reason());
    }

    @Test
    void evaluate_everythingInside_ask_asks() {
        ConsentPolicy asking = new ConsentPolicy(POLICY.partners(), POLICY.datasets(), POLICY.modes(),
                ConsentPolicy.Action.ASK);
        PolicyVerdict verdict = verdict(asking, demoJob(), "hospital-a");
        assertEquals(new PolicyVerdict(PolicyVerdict.Outcome.ASK, List.of()), verdict);
        assertEquals("inside the standing consent policy, which leaves such jobs to an administrator",
                verdict.reason());
    }

    @Test
    void evaluate_ownerOutside_refusedNamingTheOwner() {
        assertRefused(demoJob().setOwner("pharma-x"), "partner 'pharma-x' is outside the policy");
    }

    @Test
    void evaluate_otherDataOwnerOutside_refusedNamingIt() {
        assertRefused(demoJob().setDatasets(1, dataset("clinic-z", "notes")), "partner 'clinic-z' is outside the policy");
    }

    @Test
    void evaluate_computeOrganisationOutside_refusedNamingIt() {
        assertRefused(demoJob().setComputeOrganisations(1, "cloud-q"), "partner 'cloud-q' is outside the policy");
    }

    @Test
    void evaluate_recipientOutside_refusedNamingIt() {
        assertRefused(demoJob().addRecipients("insurer-y"), "partner 'insurer-y' is outside the policy");
    }

    @Test
    void evaluate_ownDatasetOutside_refusedNamingIt() {
        assertRefused(demoJob().setDatasets(0, dataset("hospital-a", "genomes")),
                "dataset 'genomes' is outside the policy");
    }

    @Test
    void evaluate_partnersDatasetNamedLikeNoneOfOurs_notOursToJudge() {
        JobSpec.Builder job = demoJob().setDatasets(1, dataset("hospital-b", "genomes"));
        assertEquals(PolicyVerdict.Outcome.APPROVE, verdict(POLICY, job, "hospital-a").outcome());
    }

    @Test
    void evaluate_modeOutside_refusedNamingIt() {
        assertRefused(demoJob().setMode(ProtectionMode.TRUSTED).clearComputeOrganisations()
                .addComputeOrganisations("compute-b"), "mode TRUSTED is outside the policy");
    }

    @Test
    void evaluate_severalOutside_refusedNamingEachOnce_evenWithAnAskAction() {
        ConsentPolicy asking = new ConsentPolicy(POLICY.partners(), POLICY.datasets(), POLICY.modes(),
                ConsentPolicy.Action.ASK);
        JobSpec.Builder job = demoJob().setOwner("pharma-x").addRecipients("pharma-x").setMode(ProtectionMode.ENCLAVE)
                .setDatasets(0, dataset("hospital-a", "genomes"));
        assertEquals(List.of("partner 'pharma-x' is outside the policy", "dataset 'genomes' is outside the policy",
                "mode ENCLAVE is outside the policy"), verdict(asking, job, "hospital-a").outside());
    }

    @Test
    void evaluate_computeOrganisation_judgedOnPartnersAndModeAlone() {
        ConsentPolicy computeB = new ConsentPolicy(Set.of("hospital-a", "hospital-b", "compute-c"), Set.of(),
                Set.of(ProtectionMode.SECRET_SHARED), ConsentPolicy.Action.AUTO_APPROVE);
        assertEquals(PolicyVerdict.Outcome.APPROVE, verdict(computeB, demoJob(), "compute-b").outcome());
        ConsentPolicy withoutHospitalB = new ConsentPolicy(Set.of("hospital-a", "compute-c"), Set.of(),
                computeB.modes(), computeB.action());
        assertEquals(List.of("partner 'hospital-b' is outside the policy"),
                verdict(withoutHospitalB, demoJob(), "compute-b").outside());
    }

    @Test
    void evaluate_organisationNotInTheJob_refusedAsAProgrammingError() {
        var e = assertThrows(IllegalArgumentException.class, () -> verdict(POLICY, demoJob(), "pharma-x"));
        assertEquals("organisation 'pharma-x' lends no data or CPUs to job job-1; its consent is not asked",
                e.getMessage());
    }

    @Test
    void construct_badValues_refusedNamingTheField() {
        assertEquals("modes must name at least one of [SECRET_SHARED, ENCLAVE, TRUSTED]: a policy without modes would"
                + " refuse every job", assertThrows(IllegalArgumentException.class, () -> new ConsentPolicy(Set.of(),
                        Set.of(), Set.of(), ConsentPolicy.Action.ASK)).getMessage());
        assertEquals("modes must be among [SECRET_SHARED, ENCLAVE, TRUSTED], found [PROTECTION_MODE_UNSPECIFIED]",
                assertThrows(IllegalArgumentException.class, () -> new ConsentPolicy(Set.of(), Set.of(),
                        Set.of(ProtectionMode.PROTECTION_MODE_UNSPECIFIED), ConsentPolicy.Action.ASK)).getMessage());
        assertEquals("partners must not hold a blank name", assertThrows(IllegalArgumentException.class, () ->
                new ConsentPolicy(Set.of(" "), Set.of(), POLICY.modes(), ConsentPolicy.Action.ASK)).getMessage());
        assertEquals("datasets must not hold a blank name", assertThrows(IllegalArgumentException.class, () ->
                new ConsentPolicy(Set.of(), Set.of(""), POLICY.modes(), ConsentPolicy.Action.ASK)).getMessage());
    }
}
