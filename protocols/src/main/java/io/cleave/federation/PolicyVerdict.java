package io.cleave.federation;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link ConsentPolicy} says of a job.
 *
 * @param outcome approve, refuse, or ask an administrator
 * @param outside for a refusal, each part of the job outside the policy; empty otherwise
 */
public record PolicyVerdict(Outcome outcome, List<String> outside) {
    public enum Outcome {
        /** Inside the policy, whose action is auto-approve: the agent signs the approval. */
        APPROVE,
        /** Outside the policy: the agent signs a refusal and the memory provider serves nothing. */
        REFUSE,
        /** Inside the policy, whose action is ask: an administrator decides. */
        ASK
    }

    public PolicyVerdict {
        Objects.requireNonNull(outcome, "outcome");
        outside = List.copyOf(outside);
        if ((outcome == Outcome.REFUSE) == outside.isEmpty()) {
            throw new IllegalArgumentException("a refusal names what is outside the policy, and only a refusal does");
        }
    }

    static PolicyVerdict approve() {
        return new PolicyVerdict(Outcome.APPROVE, List.of());
    }

    static PolicyVerdict ask() {
        return new PolicyVerdict(Outcome.ASK, List.of());
    }

    static PolicyVerdict refuse(List<String> outside) {
        return new PolicyVerdict(Outcome.REFUSE, outside);
    }

    /** One line for people and the audit trail: what is outside the policy, or why the job needs no refusal. */
    public String reason() {
        return switch (outcome) {
            case APPROVE -> "inside the standing consent policy, which approves such jobs";
            case ASK -> "inside the standing consent policy, which leaves such jobs to an administrator";
            case REFUSE -> "outside the standing consent policy: " + String.join("; ", outside);
        };
    }
}
