package io.cleave.compute.task;

import io.cleave.protocols.v1.ProgressReport;
import io.cleave.protocols.v1.TrainTask;

/** Progress of a task as the broker receives it, the same for every protection mode. */
final class ProgressReports {
    private ProgressReports() {
    }

    /** @param loss the epoch's mean loss, or NaN when this task may not report it */
    static ProgressReport of(TrainTask task, String providerId, int epoch, long step, long steps, double loss) {
        ProgressReport.Builder r = ProgressReport.newBuilder().setJobId(task.getJobId()).setProviderId(providerId)
                .setEpoch(epoch).setEpochs(task.getParameters().getEpochs()).setStep(step).setSteps(steps);
        if (Double.isFinite(loss)) {
            r.setHasLoss(true).setLoss(loss);
        }
        return r.build();
    }
}
