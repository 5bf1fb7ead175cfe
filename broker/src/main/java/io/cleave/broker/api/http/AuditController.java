package io.cleave.broker.api.http;

import io.cleave.broker.audit.AuditLog;
import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.JobScope;
import io.cleave.broker.audit.AuditRecordView;
import io.cleave.broker.audit.RelayStatus;
import io.cleave.broker.audit.KafkaCluster;
import io.cleave.broker.config.KafkaSettings;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.persistence.AuditRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;

/**
 * The audit trail, page by page in trail order, and where it is published. The broker-wide roles
 * read every record; an organisation's people read the records that concern their organisation, and
 * by subject every record of a job their organisation takes part in.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {
    private static final int MAX_LIMIT = 1000;
    private final AuditRepository audit;
    private final KafkaCluster kafka;
    private final KafkaSettings kafkaSettings;
    private final JsonMapper json;
    private final AuditLog log;
    private final RelayStatus relay;
    private final JobScope jobScope;

    AuditController(AuditRepository audit, KafkaCluster kafka, KafkaSettings kafkaSettings,
            JsonMapper json, AuditLog log, RelayStatus relay, JobScope jobScope) {
        this.jobScope = jobScope;
        this.log = log;
        this.relay = relay;
        this.audit = audit;
        this.kafka = kafka;
        this.kafkaSettings = kafkaSettings;
        this.json = json;
    }

    /** Records with {@code seq > after}, at most {@code limit}; {@code next_after} continues the listing. */
    @Get("/audit")
    Views.AuditPage audit(Authentication authentication, @QueryValue(defaultValue = "0") long after,
            @QueryValue(defaultValue = "100") int limit, @Nullable @QueryValue String subject) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw FederationException.invalid("limit must be in [1, " + MAX_LIMIT + "], found " + limit);
        }
        Caller caller = Caller.of(authentication);
        // A job's records are keyed by its owner; every organisation taking part reads them by subject.
        String organisation = caller.readsEverything() || subject != null && jobScope.isVisibleJob(caller, subject)
                ? null : caller.organisation();
        var entries = subject != null
                ? audit.findBySubjectIdOrderBySeq(subject).stream()
                        .filter(e -> e.seq() > after && (organisation == null || organisation.equals(e.organisation())))
                        .limit(limit).toList()
                : organisation == null ? audit.findBySeqGreaterThanOrderBySeq(after, Pageable.from(0, limit))
                : audit.findByOrganisationAndSeqGreaterThanOrderBySeq(organisation, after, Pageable.from(0, limit));
        List<AuditRecordView> records = entries.stream().map(e -> AuditRecordView.of(e, json)).toList();
        long next = records.isEmpty() ? after : records.get(records.size() - 1).seq();
        return new Views.AuditPage(records, next);
    }

    @Get("/system")
    Views.SystemView system() {
        RelayStatus.Snapshot relayNow = relay.snapshot();
        return new Views.SystemView(kafka.bootstrapServers(), kafka.isEmbedded(), kafkaSettings.auditTopic(),
                audit.count(), relayNow.undelivered(), log.origin(), relayNow);
    }
}
