package io.cleave.broker.api.http;

import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.JobScope;
import io.cleave.broker.job.ConsentService;
import io.cleave.broker.job.CostEstimate;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.ShareDelivery;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.OrganisationKey;
import io.cleave.broker.pki.OrganisationKeyService;
import io.cleave.federation.JointSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Base64;
import java.util.List;

/**
 * Joint jobs over REST: the canonical spec an organisation signs, its signed decision, the
 * organisations' HPKE keys for results, and the sealed model shares a recipient fetches. Maps
 * and delegates only.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class JointJobController {
    private final JobService jobs;
    private final ConsentService consents;
    private final ShareDelivery deliveries;
    private final OrganisationKeyService keys;
    private final JobScope scope;

    JointJobController(JobService jobs, ConsentService consents, ShareDelivery deliveries,
            OrganisationKeyService keys, JobScope scope) {
        this.scope = scope;
        this.jobs = jobs;
        this.consents = consents;
        this.deliveries = deliveries;
        this.keys = keys;
    }

    @Serdeable
    record SpecView(String jobId, String specHash, String canonical, List<String> consentFrom,
            List<String> awaitingConsentFrom, CostEstimate estimate) {
    }

    @Serdeable
    record ConsentBody(@Nullable String organisation, @Nullable String decision, @Nullable String signature,
            @Nullable String reason) {
    }

    @Serdeable
    record KeyBody(@Nullable String publicKey, @Nullable String signature) {
    }

    @Serdeable
    record KeyView(String organisation, String publicKey, String signature) {
    }

    @Serdeable
    record ShareView(int party, String commitment, String sealedBox) {
    }

    @Serdeable
    record SealedModelView(String jobId, String state, String modelKind, List<String> features,
            @Nullable String modelCommitment, List<ShareView> shares) {
    }

    /** The canonical spec (base64 of the exact bytes whose SHA-256 is the spec hash) and who must consent. */
    @Get("/jobs/{id}/spec")
    SpecView spec(Authentication authentication, String id) {
        Job job = jobs.byId(id);
        scope.requireRead(Caller.of(authentication), job);
        JointSpec spec = jobs.jointSpec(id);
        return new SpecView(id, job.specHash(), Base64.getEncoder().encodeToString(spec.canonical()),
                spec.consentingOrganisations(), consents.awaited(id, spec), CostEstimate.of(spec));
    }

    /** A decision for an organisation, by its own people; the signature is its organisation key's. */
    @Post("/jobs/{id}/consents")
    Views.JobStateView consent(Authentication authentication, String id, @Body ConsentBody body) {
        Caller caller = Caller.of(authentication);
        caller.requireActFor(body.organisation());
        Job job = consents.decide(id, body.organisation(), body.decision(), body.signature(), body.reason(),
                caller.actor());
        return new Views.JobStateView(job.id(), job.state(), job.stateReason());
    }

    @Put("/organisations/{name}/hpke-key")
    KeyView publishKey(Authentication authentication, String name, @Body KeyBody body) {
        Caller caller = Caller.of(authentication);
        caller.requireAdminOf(name);
        return view(keys.publish(name, body.publicKey(), body.signature(), caller.actor()));
    }

    @Get("/organisations/{name}/hpke-key")
    KeyView key(String name) {
        return view(keys.key(name));
    }

    /** What the broker holds of a SECRET_SHARED model for one recipient: boxes only it can open. */
    @Get("/jobs/{id}/sealed-model")
    SealedModelView sealedModel(Authentication authentication, String id, @QueryValue String recipient) {
        Caller.of(authentication).requireActFor(recipient);
        Job job = jobs.byId(id);
        JointSpec spec = jobs.jointSpec(id);
        List<String> columns = spec.spec().getDatasets(0).getColumnsList();
        return new SealedModelView(id, job.state(), spec.spec().getModel().name(),
                columns.subList(0, columns.size() - 1), job.modelCommitment(),
                deliveries.sealedTo(id, recipient).stream()
                        .map(s -> new ShareView(s.key().party(), s.commitment(), s.sealedBox())).toList());
    }

    private static KeyView view(OrganisationKey key) {
        return new KeyView(key.organisation(), key.publicKey(), key.signature());
    }
}
