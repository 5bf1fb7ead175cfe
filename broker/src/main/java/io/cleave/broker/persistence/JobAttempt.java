package io.cleave.broker.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** The current attempt of a SECRET_SHARED job and the epoch it resumed after. */
@MappedEntity("job_attempts")
public record JobAttempt(@Id String jobId, int attempt, int resumeAfterEpoch, Instant startedAt) {

    public JobAttempt next(int resumeAfter, Instant now) {
        return new JobAttempt(jobId, attempt + 1, resumeAfter, now);
    }
}
