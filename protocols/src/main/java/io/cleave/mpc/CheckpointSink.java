package io.cleave.mpc;

/**
 * Receives a compute party's {@link TrainingCheckpoint} after each finished epoch, on the party's
 * thread, before the next epoch starts: a sink that returns has made the checkpoint durable (a
 * provider writes it sealed to disk), so a party killed later can resume from it.
 */
@FunctionalInterface
public interface CheckpointSink {
    CheckpointSink NONE = checkpoint -> { };

    void checkpointed(TrainingCheckpoint checkpoint);
}
