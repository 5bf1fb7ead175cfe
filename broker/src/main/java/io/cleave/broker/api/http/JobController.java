package io.cleave.broker.api.http;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Jobs: submit, follow, fetch the model, cancel. */
@Controller("/api/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class JobController {
    private final JobService jobs;
    private final JsonMapper json;
    private final ConsentService consents;

    JobController(JobService jobs, JsonMapper json, ConsentService consents) {
        this.consents = consents;
        this.jobs = jobs;
        this.json = json;
    }

    @Post
    HttpResponse<Views.JobView> submit(@Body JobSubmission submission) {
        String actor = submission.owner() == null ? "anonymous" : "org:" + submission.owner();
        return HttpResponse.created(view(jobs.submit(submission, actor)));
    }

    @Get
    List<Views.JobView> list() {
        return jobs.list().stream().map(this::view).toList();
    }

    @Get("/{id}")
    Views.JobView job(String id) {
        return view(jobs.byId(id));
    }

    /** The trained model, for TRUSTED jobs whose model passed the broker in the clear. */
    @Get("/{id}/model")
    Map<String, Object> model(String id) {
        Job job = jobs.byId(id);
        if (job.resultJson() == null) {
            throw FederationException.conflict("job " + id + " has no model yet (state " + job.state() + ")");
        }
        return read(job.resultJson());
    }

    @Post("/{id}/cancel")
    Views.JobView cancel(String id) {
        return view(jobs.cancel(id, "org:" + jobs.byId(id).ownerOrg()));
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
                        .map(p -> new Views.EpochView(p.key().epoch(), p.step(), p.loss(), p.reportedAt())).toList(),
                j.submittedAt(), j.updatedAt(), consents.consents(j.id()).stream()
                        .map(c -> new Views.ConsentView(c.key().organisation(), c.decision(), c.reason(), c.decidedAt()))
                        .toList(), CostEstimate.of(jobs.jointSpec(j.id())));
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
