package io.cleave.broker.job;

/** A job changed state; listeners act after the transaction that changed it commits. */
public record JobTransitioned(String jobId, JobState from, JobState to, String reason) {
}
