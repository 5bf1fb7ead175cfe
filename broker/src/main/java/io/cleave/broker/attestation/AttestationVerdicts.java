package io.cleave.broker.attestation;

import io.cleave.broker.audit.AuditEvent;
import io.cleave.broker.audit.AuditTrail;
import io.cleave.broker.persistence.AttestationRecord;
import io.cleave.broker.persistence.AttestationRecordRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stores each verdict together with its audit record in one transaction, and counts it for
 * Prometheus ({@code cleave_attestation_verdicts_total{type,verdict}}). Audit details hold the
 * claims and the reason, never evidence bytes or the signed token.
 */
@Singleton
public class AttestationVerdicts {
    private final AttestationRecordRepository records;
    private final AuditTrail audit;
    private final MeterRegistry metrics;

    AttestationVerdicts(AttestationRecordRepository records, AuditTrail audit, MeterRegistry metrics) {
        this.records = records;
        this.audit = audit;
        this.metrics = metrics;
    }

    @Transactional
    void record(AttestationRecord r, String organisation) {
        records.save(r);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("evidence_type", r.evidenceType());
        details.put("hw_isolation", r.hwIsolation());
        if (r.measurement() != null) {
            details.put("measurement", r.measurement());
        }
        if (r.expiresAt() != null) {
            details.put("expires_at", r.expiresAt().toString());
        }
        if (r.reason() != null) {
            details.put("reason", r.reason());
        }
        audit.record(new AuditEvent(organisation, "provider:" + r.providerId(),
                r.valid() ? "attestation.verified" : "attestation.refused", "provider", r.providerId(), r.jobId(),
                details));
        Counter.builder("cleave.attestation.verdicts").description("Attestation verdicts by evidence type")
                .tag("type", r.evidenceType()).tag("verdict", r.valid() ? "valid" : "refused").register(metrics)
                .increment();
    }

    /** The provider's latest verdict on its own evidence. */
    @Transactional
    public Optional<AttestationRecord> latestFor(String providerId) {
        return records.findFirstByProviderIdAndJobIdIsNullOrderByIssuedAtDesc(providerId);
    }
}
