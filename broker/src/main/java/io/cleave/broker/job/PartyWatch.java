package io.cleave.broker.job;

import io.cleave.broker.config.BrokerConfig;
import io.cleave.broker.persistence.Job;
import io.cleave.broker.persistence.JobParty;
import io.cleave.protocols.v1.ProtectionMode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Watches the parties of SECRET_SHARED jobs through their control-plane streams: a running job
 * whose compute party's stream ended pauses; a paused job whose parties are all connected again
 * resumes; one whose party stays away longer than the pause timeout fails, naming it. A job's own
 * deadline applies while paused too ({@link Scheduler#enforceDeadlines}).
 */
@Singleton
final class PartyWatch {
    private final JobService jobs;
    private final JobAttempts attempts;
    private final AssignmentHub hub;
    private final BrokerConfig config;
    private final Clock clock;

    PartyWatch(JobService jobs, JobAttempts attempts, AssignmentHub hub, BrokerConfig config, Clock clock) {
        this.jobs = jobs;
        this.attempts = attempts;
        this.hub = hub;
        this.config = config;
        this.clock = clock;
    }

    void check() {
        for (Job job : jobs.inStates(List.of(JobState.RUNNING))) {
            if (ProtectionMode.SECRET_SHARED.name().equals(job.mode())) {
                jobs.parties(job.id()).stream().filter(p -> p.datasetId() == null && !connected(p)).findFirst()
                        .ifPresent(gone -> attempts.pause(job.id(), gone.key().providerId()));
            }
        }
        for (Job job : jobs.inStates(List.of(JobState.PAUSED))) {
            List<JobParty> missing = jobs.parties(job.id()).stream().filter(p -> !connected(p)).toList();
            if (missing.isEmpty()) {
                attempts.resume(job.id());
            } else if (job.updatedAt().plus(config.pauseTimeout()).isBefore(clock.instant())) {
                jobs.failIfStalled(job.id(), JobState.PAUSED, config.pauseTimeout(), missing.stream()
                        .map(attempts::describe).collect(Collectors.joining(", ")) + " did not return within "
                        + config.pauseTimeout().toSeconds() + " s of the pause; the job cannot resume");
            }
        }
    }

    private boolean connected(JobParty party) {
        return hub.isConnected(party.key().providerId());
    }
}
