package io.cleave.broker.job;

import io.cleave.attestation.pki.OrganisationKeys;
import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.persistence.ConsentRecord;
import io.cleave.broker.persistence.ConsentRepository;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.pki.CertificateRegistry;
import io.cleave.federation.Consent;
import io.cleave.federation.JointSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Consent (DESIGN.md §7): every organisation whose data or CPUs a job uses signs its decision over
 * the spec hash with its organisation key. The broker verifies and records each decision with its
 * audit record; the providers verify their own organisation's signature again before they serve or
 * compute, so the broker's word alone never starts a job on someone's data.
 */
@Singleton
public class ConsentService {
    private final JobService jobs;
    private final ConsentRepository consents;
    private final CertificateRegistry certificates;
    private final AuditTrail audit;
    private final Clock clock;

    ConsentService(JobService jobs, ConsentRepository consents, CertificateRegistry certificates, AuditTrail audit,
            Clock clock) {
        this.jobs = jobs;
        this.consents = consents;
        this.certificates = certificates;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records an organisation's signed decision. A refusal fails the job with the reason; the last
     * approval leaves it to the scheduler.
     *
     * @param signatureBase64 the organisation's signature over {@link Consent#statement}
     */
    @Transactional
    public Job decide(String jobId, @Nullable String organisation, @Nullable String decision,
            @Nullable String signatureBase64, @Nullable String reason, String actor) {
        Job job = jobs.locked(jobId);
        if (!JobState.AWAITING_CONSENT.name().equals(job.state())) {
            throw FederationException.conflict("job " + jobId + " is " + job.state()
                    + "; decisions are taken only while it awaits consent");
        }
        JointSpec spec = jobs.jointSpec(jobId);
        if (organisation == null || !spec.consentingOrganisations().contains(organisation)) {
            throw FederationException.invalid("organisation '" + organisation + "' lends no data or CPUs to job "
                    + jobId + "; consent is asked of " + spec.consentingOrganisations());
        }
        Consent.Decision d = decision(decision);
        if (consents.findById(new ConsentRecord.Key(jobId, organisation)).isPresent()) {
            throw FederationException.conflict("organisation '" + organisation + "' already decided on job " + jobId);
        }
        byte[] signature = signature(signatureBase64);
        try {
            Consent.verify(OrganisationKeys.keyOf(certificates.organisationCertificate(organisation)), signature, jobId,
                    organisation, d, spec.hash());
        } catch (GeneralSecurityException e) {
            throw FederationException.invalid("the consent signature does not verify against the certificate of "
                    + "organisation '" + organisation + "' for spec " + spec.hashHex());
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 1024) {
            throw FederationException.invalid("reason must be at most 1024 characters");
        }
        consents.save(new ConsentRecord(new ConsentRecord.Key(jobId, organisation), d.name(), signatureBase64, why,
                clock.instant()));
        Map<String, Object> details = new HashMap<>(Map.of("decision", d.name(), "spec_hash", spec.hashHex(),
                "signature", signatureBase64));
        if (why != null) {
            details.put("reason", why);
        }
        audit.record(new AuditEvent(organisation, actor, "job.consent_" + d.name().toLowerCase(Locale.ROOT), "job",
                jobId, jobId, details));
        if (d == Consent.Decision.REFUSE) {
            return jobs.transition(job, JobState.FAILED, "refused by " + organisation + (why == null ? "" : ": " + why),
                    actor, Map.of());
        }
        List<String> waiting = awaited(jobId, spec);
        return jobs.note(job, waiting.isEmpty() ? "every organisation consented; waiting for the scheduler"
                : "awaiting consent from " + String.join(", ", waiting));
    }

    /** The organisations that have not decided yet. */
    @Transactional
    public List<String> awaited(String jobId, JointSpec spec) {
        List<String> decided = consents.findByKeyJobId(jobId).stream().map(c -> c.key().organisation()).toList();
        return spec.consentingOrganisations().stream().filter(o -> !decided.contains(o)).toList();
    }

    @Transactional
    public List<ConsentRecord> consents(String jobId) {
        return consents.findByKeyJobId(jobId);
    }

    /** The organisation's recorded approval signature; absent if it did not approve. */
    @Transactional
    public byte[] approval(String jobId, String organisation) {
        return consents.findById(new ConsentRecord.Key(jobId, organisation))
                .filter(c -> Consent.Decision.APPROVE.name().equals(c.decision()))
                .map(c -> Base64.getDecoder().decode(c.signature()))
                .orElseThrow(() -> new IllegalStateException("organisation " + organisation + " has not approved job "
                        + jobId));
    }

    private static Consent.Decision decision(@Nullable String value) {
        if ("APPROVE".equals(value)) {
            return Consent.Decision.APPROVE;
        }
        if ("REFUSE".equals(value)) {
            return Consent.Decision.REFUSE;
        }
        throw FederationException.invalid("decision must be APPROVE or REFUSE, found '" + value + "'");
    }

    private static byte[] signature(@Nullable String base64) {
        if (base64 == null || base64.isBlank()) {
            throw FederationException.invalid("a decision needs the organisation's signature (base64)");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw FederationException.invalid("the signature is not base64");
        }
    }
}
