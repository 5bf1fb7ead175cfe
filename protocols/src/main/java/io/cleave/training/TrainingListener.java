package io.cleave.training;

/** Receives progress from a trainer, on the trainer's thread. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = (epoch, epochs, step, steps, loss) -> { };

    /**
     * Called after each finished epoch.
     *
     * @param epoch 1-based epoch just finished
     * @param step steps done in total
     * @param loss mean training loss over the epoch's steps (log-loss for logistic, half the mean squared error for linear)
     */
    void epochFinished(int epoch, int epochs, long step, long steps, double loss);
}
