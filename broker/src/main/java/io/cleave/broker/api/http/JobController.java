package io.cleave.broker.api.http;

import io.cleave.broker.auth.Caller;
import io.cleave.broker.auth.JobScope;
import io.cleave.broker.auth.Role;
import io.cleave.broker.federation.FederationException;
import io.cleave.broker.job.ConsentService;
import io.cleave.broker.job.CostEstimate;
import io.cleave.broker.job.JobService;
import io.cleave.broker.job.JobSubmission;
import io.cleave.broker.persistence.Job;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Jobs: submit, follow, fetch the model, cancel. A job is visible to the broker-wide roles and to the
 * organisations taking part in it ({@link JobScope}); it is submitted by and for its owner organisation.
 */
@Controller("/api/jobs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class JobController {
    private final JobService jobs;
    private final JsonMapper json;
    private final JobScope scope;
    private final ConsentService consents;

    JobController(JobService jobs, JsonMapper json, JobScope scope, ConsentService consents) {
        this.consents = consents;
        this.jobs = jobs;
        this.json = json;
        this.scope = scope;
    }

    @Post
    HttpResponse<Views.JobView> submit(Authentication authentication, @Body JobSubmission submission) {
        Caller caller = Caller.of(authentication);
        if (submission.owner() != null) {
            caller.requireActFor(submission.owner());
        }
        return HttpResponse.created(view(jobs.submit(submission, caller.actor())));
    }

    @Get
    List<Views.JobView> list(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return jobs.list().stream().filter(j -> scope.visibleTo(caller, j)).map(this::view).toList();
    }

    @Get("/{id}")
    Views.JobView job(Authentication authentication, String id) {
        Job job = jobs.byId(id);
        scope.requireRead(Caller.of(authentication), job);
        return view(job);
    }

    /** The trained model, for TRUSTED jobs whose model passed the broker in the clear: to its recipients only. */
    @Get("/{id}/model")
    Map<String, Object> model(Authentication authentication, String id) {
        Job job = jobs.byId(id);
        Caller caller = Caller.of(authentication);
        if (!jobs.spec(job).recipients().contains(caller.organisation())) {
            throw caller.denied("fetch the model of job '" + id + "': only its recipients' people may");
        }
        if (job.resultJson() == null) {
            throw FederationException.conflict("job " + id + " has no model yet (state " + job.state() + ")");
        }
        return read(job.resultJson());
    }

    /** Cancelled by the owner organisation's people, or by the broker administrator. */
    @Post("/{id}/cancel")
    Views.JobView cancel(Authentication authentication, String id) {
        Caller caller = Caller.of(authentication);
        if (caller.role() != Role.BROKER_ADMIN) {
            caller.requireActFor(jobs.byId(id).ownerOrg());
        }
        return view(jobs.cancel(id, caller.actor()));
    }

    private Views.JobView view(Job j) {
        Map<String, Object> result = j.resultJson() == null ? null : read(j.resultJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = result == null ? null : (Map<String, Object>) result.get("metrics");
        return new Views.JobView(j.id(), j.name(), j.ownerOrg(), j.mode(), j.state(), j.stateReason(), j.specHash(),
                read(j.specJson()), j.epoch(), j.epochs(), j.step(), j.steps(), metrics, j.modelCommitment(),
                jobs.parties(j.id()).stream()
                        .map(p -> new Views.PartyView(p.key().providerId(), p.key().role(), p.datasetId())).toList(),
                jobs.progress(j.id()).stream()
                        .map(p -> new Views.EpochView(p.key().epoch(), p.step(), p.loss(), p.reportedAt(),
                                p.excacheHitRate())).toList(),
                j.submittedAt(), j.updatedAt(), consents.consents(j.id()).stream()
                        .map(c -> new Views.ConsentView(c.key().organisation(), c.decision(), c.reason(), c.decidedAt()))
                        .toList(), jobs.findJointSpec(j.id()).map(CostEstimate::of).orElse(null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
