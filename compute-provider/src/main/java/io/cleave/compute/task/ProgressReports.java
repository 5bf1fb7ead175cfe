package io.cleave.compute.task;

import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.TrainTask;
import java.util.OptionalDouble;

/** Progress of a task as the broker receives it, the same for every protection mode. */
final class ProgressReports {
    private ProgressReports() {
    }

    /**
     * @param loss the epoch's mean loss, empty when this task may not report it; a diverged loss
     *     (NaN, ±∞) is reported as it is, and the broker records it in words
     */
    static ProgressReport of(TrainTask task, String providerId, int epoch, long step, long steps, OptionalDouble loss) {
        ProgressReport.Builder r = ProgressReport.newBuilder().setJobId(task.getJobId()).setProviderId(providerId)
                .setEpoch(epoch).setEpochs(task.getParameters().getEpochs()).setStep(step).setSteps(steps);
        loss.ifPresent(value -> r.setHasLoss(true).setLoss(value));
        return r.build();
    }
}
