package io.cleave.cli.bench;

import io.cleave.dataset.Dataset;
import io.cleave.mpc.ExCacheSettings;
import io.cleave.mpc.JobRandomness;
import io.cleave.mpc.LocalSecureTraining;
import io.cleave.mpc.LoopbackSocketNetwork;
import io.cleave.mpc.Participant;
import io.cleave.mpc.SecureJobSpec;
import io.cleave.mpc.Transport;
import io.cleave.training.TrainingListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One secret-shared training with every participant on its own thread and real TCP sockets on 127.0.0.1. */
final class LoopbackTraining {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private LoopbackTraining() {
    }

    static LocalSecureTraining.Result run(SecureJobSpec job, List<Dataset> inputs, JobRandomness randomness,
            ExCacheSettings cache) {
        try (LoopbackSocketNetwork network = LoopbackSocketNetwork.start(job.participants(), TIMEOUT)) {
            Map<Participant, Transport> transports = new HashMap<>();
            job.participants().forEach(p -> transports.put(p, network.transport(p)));
            return LocalSecureTraining.run(job, inputs, transports, randomness, TrainingListener.NONE, cache);
        }
    }
}
