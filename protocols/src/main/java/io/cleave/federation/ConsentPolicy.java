package io.cleave.federation;

import io.cleave.protocols.v1.JobSpec;
import io.cleave.protocols.v1.ProtectionMode;
import io.cleave.protocols.v1.SpecDataset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An organisation's standing consent policy (issue 5): the partner organisations, its own datasets
 * and the protection modes it accepts, and whether a job inside those bounds is approved at once or
 * left to an administrator. Its own consent agent applies it before signing, and its memory provider
 * applies it again before serving, so a job outside the policy is never served, whoever signed it.
 * An administrator's manual approval overrides {@link Action#ASK} only, never a refusal.
 *
 * <p>Immutable and thread-safe. Read from a file with {@link ConsentPolicyFile}.
 *
 * @param partners the other organisations a job may involve (owner, data owners, compute, recipients)
 * @param datasets the names of this organisation's own datasets a job may use
 * @param modes the protection modes this organisation accepts; at least one
 * @param action what happens to a job inside the policy
 */
public record ConsentPolicy(Set<String> partners, Set<String> datasets, Set<ProtectionMode> modes, Action action) {
    /** The modes a job can have; the proto's unspecified and unrecognised values are none of them. */
    public static final Set<ProtectionMode> MODES = EnumSet.of(ProtectionMode.SECRET_SHARED, ProtectionMode.ENCLAVE,
            ProtectionMode.TRUSTED);

    /** What happens to a job inside the policy. */
    public enum Action {
        /** The agent signs the approval itself. */
        AUTO_APPROVE,
        /** The agent signs nothing; an administrator decides with {@code ./cleave job consent}. */
        ASK
    }

    public ConsentPolicy {
        partners = names("partners", partners);
        datasets = names("datasets", datasets);
        Objects.requireNonNull(modes, "modes");
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("modes must name at least one of " + MODES
                    + ": a policy without modes would refuse every job");
        }
        if (!MODES.containsAll(modes)) {
            throw new IllegalArgumentException("modes must be among " + MODES + ", found " + modes);
        }
        modes = Set.copyOf(modes);
        Objects.requireNonNull(action, "action");
    }

    private static Set<String> names(String field, Set<String> names) {
        Objects.requireNonNull(names, field);
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(field + " must not hold a blank name");
            }
        }
        return Set.copyOf(names);
    }

    /**
     * This policy's verdict on a job, for {@code organisation}. Every part of the job outside the
     * policy is named in the reason, and only those parts: the reason goes into the audit trail,
     * which the policy itself (the organisation's list of partners) does not.
     *
     * @throws IllegalArgumentException if {@code organisation} lends the job neither data nor CPUs
     */
    public PolicyVerdict evaluate(JointSpec joint, String organisation) {
        if (!joint.consentingOrganisations().contains(organisation)) {
            throw new IllegalArgumentException("organisation '" + organisation + "' lends no data or CPUs to job "
                    + joint.spec().getJobId() + "; its consent is not asked");
        }
        JobSpec spec = joint.spec();
        List<String> outside = new ArrayList<>();
        for (String partner : partnersOf(spec, organisation)) {
            if (!partners.contains(partner)) {
                outside.add("partner '" + partner + "' is outside the policy");
            }
        }
        for (SpecDataset dataset : spec.getDatasetsList()) {
            if (dataset.getOrganisation().equals(organisation) && !datasets.contains(dataset.getName())) {
                outside.add("dataset '" + dataset.getName() + "' is outside the policy");
            }
        }
        if (!modes.contains(spec.getMode())) {
            outside.add("mode " + spec.getMode() + " is outside the policy");
        }
        if (!outside.isEmpty()) {
            return PolicyVerdict.refuse(outside);
        }
        return action == Action.AUTO_APPROVE ? PolicyVerdict.approve() : PolicyVerdict.ask();
    }

    /** Every other organisation the job names, in the order the spec names them, each once. */
    private static Set<String> partnersOf(JobSpec spec, String organisation) {
        Set<String> all = new LinkedHashSet<>();
        all.add(spec.getOwner());
        spec.getDatasetsList().forEach(d -> all.add(d.getOrganisation()));
        all.addAll(spec.getComputeOrganisationsList());
        all.addAll(spec.getRecipientsList());
        all.remove(organisation);
        return all;
    }
}
