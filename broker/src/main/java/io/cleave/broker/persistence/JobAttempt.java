package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * The current attempt of a SECRET_SHARED job and the dealer's root seed that every attempt is dealt
 * from (secret; null once the job ended).
 */
@MappedEntity("job_attempts")
public record JobAttempt(@Id String jobId, int attempt, int resumeAfterEpoch, @Nullable String dealerRoot,
        Instant startedAt) {

    public JobAttempt next(int resumeAfter, Instant now) {
        return new JobAttempt(jobId, attempt + 1, resumeAfter, dealerRoot, now);
    }

    @Override
    public String toString() {
        return "JobAttempt[" + jobId + ", attempt " + attempt + ", after epoch " + resumeAfterEpoch
                + ", dealer root redacted]";
    }
}
