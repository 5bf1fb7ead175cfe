package io.cleave.broker.api.http;

import io.cleave.broker.audit.AuditLog;
import io.cleave.broker.auth.AccessDeniedException;
import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.JobScope;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.persistence.LogLeaf;
import io.cleave.broker.persistence.LogLeafRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The verifiable audit log (RFC 9162, C2SP checkpoints): the signed checkpoint and the log key as
 * text, proofs as base64 hashes in RFC 9162 order, and the leaves themselves for export. The
 * checkpoint, key and proofs (hashes only) are public: anyone may verify that history was never
 * rewritten. A leaf is the audit record's text, so it is read under the same organisation scope as
 * {@code /api/audit}: the whole log only by broker administrators and auditors, one record by those
 * who may see that record.
 */
@Controller("/api/log")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class LogController {
    private static final int MAX_LEAVES = 1000;
    private final AuditLog log;
    private final LogLeafRepository leaves;
    private final JobScope jobScope;
    private final JsonMapper json;

    LogController(AuditLog log, LogLeafRepository leaves, JobScope jobScope, JsonMapper json) {
        this.log = log;
        this.leaves = leaves;
        this.jobScope = jobScope;
        this.json = json;
    }

    /** The latest signed checkpoint (c2sp.org/tlog-checkpoint inside a c2sp.org/signed-note). */
    @Get("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    String checkpoint() {
        return log.signedCheckpoint();
    }

    /** The verifier key of the log ({@code <origin>+<key id>+<base64>}), one line. */
    @Get("/key")
    @Produces(MediaType.TEXT_PLAIN)
    String key() {
        return log.verifierKey().encoded() + "\n";
    }

    @Get("/proof/inclusion")
    Views.ProofView inclusion(@QueryValue long index, @QueryValue long size) {
        return new Views.ProofView(size, index, null, base64(checked(() -> log.inclusionProof(index, size))));
    }

    @Get("/proof/consistency")
    Views.ProofView consistency(@QueryValue long from, @QueryValue long to) {
        return new Views.ProofView(to, null, from, base64(checked(() -> log.consistencyProof(from, to))));
    }

    /** Leaf texts from {@code start}, at most {@code limit}: exactly the bytes the log hashed. */
    @Get("/leaves")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Views.LeavesView leaves(Authentication authentication, @QueryValue(defaultValue = "0") long start,
            @QueryValue(defaultValue = "1000") int limit) {
        Caller caller = Caller.of(authentication);
        if (!caller.readsEverything()) {
            throw new AccessDeniedException(caller.username() + " may not export the whole log: it holds every "
                    + "organisation's records (broker administrators and auditors only; read your organisation's "
                    + "records at /api/audit)");
        }
        if (limit < 1 || limit > MAX_LEAVES || start < 0) {
            throw FederationException.invalid("start must be at least 0 and limit in [1, " + MAX_LEAVES
                    + "], found start " + start + " and limit " + limit);
        }
        List<String> texts = leaves.findByLeafIndexGreaterThanEqualsOrderByLeafIndex(start, Pageable.from(0, limit))
                .stream().map(LogLeaf::leaf).toList();
        return new Views.LeavesView(start, texts);
    }

    /**
     * The leaf of one audit record and its index, so that a client holding the record can fetch
     * its inclusion proof and check that the hashed text is the record it shows.
     */
    @Get("/leaf")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Views.LeafView leaf(Authentication authentication, @QueryValue String record) {
        LogLeaf leaf = leaves.findByAuditId(record).orElseThrow(() -> FederationException.notFound(
                "audit record '" + record + "' is not in the log yet (the relay logs records within seconds)"));
        Caller caller = Caller.of(authentication);
        if (!caller.readsEverything() && !caller.belongsTo(leaf.organisation()) && !ofVisibleJob(caller, leaf)) {
            throw new AccessDeniedException(caller.username() + " may not read audit record '" + record
                    + "': it belongs to another organisation");
        }
        return new Views.LeafView(leaf.leafIndex(), leaf.leaf());
    }

    /** As in {@code /api/audit}: every organisation taking part in a job reads that job's records. */
    private boolean ofVisibleJob(Caller caller, LogLeaf leaf) {
        Map<?, ?> record;
        try {
            record = json.readValue(leaf.leaf(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the leaf of audit record " + leaf.auditId(), e);
        }
        return "job".equals(record.get("subject_type")) && record.get("subject_id") instanceof String job
                && jobScope.isVisibleJob(caller, job);
    }

    private static List<byte[]> checked(Supplier<List<byte[]>> proof) {
        try {
            return proof.get();
        } catch (IllegalArgumentException e) {
            throw FederationException.invalid(e.getMessage());
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
    }
}
