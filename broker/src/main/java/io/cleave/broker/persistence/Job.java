package io.cleave.broker.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("jobs")
public record Job(@Id String id, String name, String ownerOrg, String specJson, String specHash, String mode,
        String state, @Nullable String stateReason, int epoch, int epochs, long step, long steps,
        @Nullable String resultJson, @Nullable String modelCommitment, Instant submittedAt, Instant updatedAt) {

    public Job withState(String newState, @Nullable String reason, Instant at) {
        return new Job(id, name, ownerOrg, specJson, specHash, mode, newState, reason, epoch, epochs, step, steps,
                resultJson, modelCommitment, submittedAt, at);
    }

    public Job withProgress(int newEpoch, long newStep, long newSteps, Instant at) {
        return new Job(id, name, ownerOrg, specJson, specHash, mode, state, stateReason, newEpoch, epochs, newStep,
                newSteps, resultJson, modelCommitment, submittedAt, at);
    }

    public Job withResult(String result, String commitment, Instant at) {
        return new Job(id, name, ownerOrg, specJson, specHash, mode, state, stateReason, epoch, epochs, step, steps,
                result, commitment, submittedAt, at);
    }
}
