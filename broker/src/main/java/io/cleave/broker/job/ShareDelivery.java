package io.cleave.broker.job;

import io.cleave.broker.federation.FederationException;
import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.SealedShareRecord;
import io.cleave.broker.persistence.SealedShareRepository;
import io.cleave.federation.JointSpec;
import io.cleave.federation.ModelDelivery;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of a SECRET_SHARED job: each compute party delivers its weight share sealed to every
 * recipient with a commitment; the broker stores the boxes (it cannot open them), writes each
 * commitment to the audit log, and completes the job with the model commitment SHA-256(c₀ ‖ c₁)
 * once both parties delivered.
 */
@Singleton
public class ShareDelivery {
    private final JobService jobs;
    private final SealedShareRepository shares;
    private final AuditTrail audit;

    ShareDelivery(JobService jobs, SealedShareRepository shares, AuditTrail audit) {
        this.jobs = jobs;
        this.shares = shares;
        this.audit = audit;
    }

    /**
     * @param boxes base64 sealed box by recipient organisation; exactly the job's recipients
     * @param resultJson metrics that reveal nothing of the model (rows, seconds)
     */
    @Transactional
    public Job deliver(String jobId, String providerId, int party, byte[] commitment, Map<String, String> boxes,
            String resultJson) {
        Job job = jobs.requireParty(jobId, providerId);
        if (!JobState.valueOf(job.state()).takesPartyReports()) {
            return job;
        }
        String role = jobs.parties(jobId).stream().filter(p -> p.key().providerId().equals(providerId)
                && p.datasetId() == null).findFirst().orElseThrow().key().role();
        if (!role.equals("party-" + party)) {
            throw FederationException.invalid("provider " + providerId + " is " + role + " of job " + jobId
                    + ", not party-" + party);
        }
        JointSpec spec = jobs.jointSpec(jobId);
        if (commitment.length != 32 || !new java.util.TreeSet<>(boxes.keySet())
                .equals(new java.util.TreeSet<>(spec.spec().getRecipientsList()))) {
            throw FederationException.invalid("a share delivery needs a 32-byte commitment and one box for each of "
                    + spec.spec().getRecipientsList() + ", found " + boxes.keySet());
        }
        String hex = HexFormat.of().formatHex(commitment);
        // A party whose peer paused the job after it delivered delivers again in the resumed attempt.
        boxes.forEach((recipient, box) -> {
            SealedShareRecord record = new SealedShareRecord(new SealedShareRecord.Key(jobId, party, recipient), box, hex);
            if (shares.existsById(record.key())) {
                shares.update(record);
            } else {
                shares.save(record);
            }
        });
        audit.record(new AuditEvent(job.ownerOrg(), "provider:" + providerId, "job.share_delivered", "job", jobId, jobId,
                Map.of("party", party, "share_commitment", hex, "recipients", List.copyOf(boxes.keySet()))));
        Map<Integer, String> commitments = new TreeMap<>();
        shares.findByKeyJobId(jobId).forEach(s -> commitments.put(s.key().party(), s.commitment()));
        if (commitments.size() < 2) {
            return job;
        }
        if (JobState.valueOf(job.state()) == JobState.SCHEDULED) {
            job = jobs.transition(job, JobState.RUNNING, "training", "provider:" + providerId, Map.of());
        }
        String model = HexFormat.of().formatHex(ModelDelivery.modelCommitment(
                HexFormat.of().parseHex(commitments.get(0)), HexFormat.of().parseHex(commitments.get(1))));
        job = jobs.store(job, resultJson, model);
        for (String recipient : spec.spec().getRecipientsList()) {
            // In each recipient's own audit stream, which its people can read and check the model against.
            audit.record(new AuditEvent(recipient, "provider:" + providerId, "job.model_delivered", "job", jobId, jobId,
                    Map.of("model_commitment", model, "share_commitments", List.of(commitments.get(0),
                            commitments.get(1)))));
        }
        return jobs.transition(job, JobState.COMPLETED, "model delivered, sealed to " + spec.spec().getRecipientsList(),
                "provider:" + providerId, Map.of("model_commitment", model, "share_commitments",
                        List.of(commitments.get(0), commitments.get(1))));
    }

    /** The boxes sealed to one recipient, by party. */
    @Transactional
    public List<SealedShareRecord> sealedTo(String jobId, String recipient) {
        return shares.findByKeyJobId(jobId).stream().filter(s -> s.key().recipient().equals(recipient))
                .sorted(java.util.Comparator.comparingInt(s -> s.key().party())).toList();
    }
}
