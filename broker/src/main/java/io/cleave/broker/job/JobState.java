package io.cleave.broker.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The job lifecycle (DESIGN.md §7) and its only allowed transitions. Terminal states never exit.
 * A running SECRET_SHARED job whose compute party disappears is PAUSED, and runs again (as a new
 * attempt, from the parties' last sealed checkpoints) when the party returns, or fails.
 */
public enum JobState {
    SUBMITTED, AWAITING_CONSENT, SCHEDULED, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    private Set<JobState> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(AWAITING_CONSENT, SCHEDULED, FAILED, CANCELLED);
            case AWAITING_CONSENT -> EnumSet.of(SCHEDULED, FAILED, CANCELLED);
            case SCHEDULED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(PAUSED, COMPLETED, FAILED, CANCELLED);
            case PAUSED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(JobState.class);
        };
    }

    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** Whether parties' progress and results still count: not once the job ended, nor while it is paused. */
    public boolean takesPartyReports() {
        return !isTerminal() && this != PAUSED;
    }

    /** @throws IllegalStateException naming both states if the lifecycle does not allow the step */
    public JobState transitionTo(JobState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("a job cannot go from " + this + " to " + target);
        }
        return target;
    }
}
