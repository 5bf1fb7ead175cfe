package io.cleave.mpc;

import io.cleave.dataset.Dataset;
import io.cleave.training.LinearModel;
import io.cleave.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs every participant of one job in this process, each on its own thread, over the given
 * transports (in-memory or loopback sockets): how tests and the benchmark drive the engine, and
 * the reference for how the broker, memory providers and compute providers wire it.
 *
 * <p>Phases: every input is validated and encoded before anything is sent; then the dealer deals
 * everything (offline phase); then the input parties share and the two parties train (online
 * phase). Training time counts both phases.
 */
public final class LocalSecureTraining {
    /**
     * @param model reconstructed by the recipient from the two serialised shares
     * @param share0 party 0's serialised {@link WeightShare}
     * @param share1 party 1's serialised {@link WeightShare}
     * @param trainSeconds wall time of the dealer's and the online phase
     * @param onlineSeconds wall time of input sharing and training, after the dealer finished
     * @param bytesExchanged bytes received by the two compute parties from anyone
     * @param rounds party-to-party rounds (openings) of party 0
     * @param bytesPerEpoch bytes received by both parties per epoch, without the one-time opening of the data mask
     * @param roundsPerEpoch rounds per epoch once the data mask is open
     * @param epochLosses the opened per-epoch losses (empty unless declared)
     * @param cache0 party 0's ExCache counters at the end (client-aided jobs only)
     */
    public record Result(LinearModel model, byte[] share0, byte[] share1, double trainSeconds, double onlineSeconds,
            long bytesExchanged, long rounds, long bytesPerEpoch, long roundsPerEpoch, List<Double> epochLosses,
            Optional<ExCacheStats> cache0) {
    }

    private LocalSecureTraining() {
    }

    /**
     * @param inputs one standardised training dataset per input party of {@code spec}
     * @param transports one per participant of {@code spec}
     */
    public static Result run(SecureJobSpec spec, List<Dataset> inputs, Map<Participant, Transport> transports,
            JobRandomness randomness, TrainingListener listener) {
        return run(spec, inputs, transports, randomness, listener, ExCacheSettings.DEFAULT);
    }

    /** As above, both compute parties sizing their ExCache by {@code cache} (used by client-aided jobs). */
    public static Result run(SecureJobSpec spec, List<Dataset> inputs, Map<Participant, Transport> transports,
            JobRandomness randomness, TrainingListener listener, ExCacheSettings cache) {
        if (inputs.size() != spec.rowsPerInputParty().size()) {
            throw new IllegalArgumentException("the job has " + spec.rowsPerInputParty().size()
                    + " input parties, found " + inputs.size() + " datasets");
        }
        List<InputParty> owners = new ArrayList<>();
        List<InputParty.EncodedRows> encoded = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputParty owner = new InputParty(i, spec, transport(transports, Participant.inputParty(i)), randomness);
            encoded.add(owner.encode(inputs.get(i)));
            owners.add(owner);
        }
        CountingTransport t0 = new CountingTransport(transport(transports, Participant.PARTY_0));
        CountingTransport t1 = new CountingTransport(transport(transports, Participant.PARTY_1));
        ComputeParty p0 = new ComputeParty(0, spec, t0, cache);
        ComputeParty p1 = new ComputeParty(1, spec, t1, cache);
        List<Double> losses = new ArrayList<>();
        TrainingListener recording = (epoch, epochs, step, steps, loss) -> {
            if (spec.openEpochLoss()) {
                losses.add(loss);
            }
            listener.epochFinished(epoch, epochs, step, steps, loss);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2 + owners.size());
        try {
            long start = System.nanoTime();
            new Dealer(spec, transport(transports, Participant.DEALER), randomness).run();
            long online = System.nanoTime();
            long[] setupBytes = new long[2];
            long[] setupRounds = new long[1];
            List<Callable<WeightShare>> tasks = new ArrayList<>();
            tasks.add(() -> {
                p0.receiveInputs();
                setupBytes[0] = t0.bytesReceived();
                setupRounds[0] = p0.rounds();
                return p0.train(recording);
            });
            tasks.add(() -> {
                p1.receiveInputs();
                setupBytes[1] = t1.bytesReceived();
                return p1.train(TrainingListener.NONE);
            });
            for (int i = 0; i < owners.size(); i++) {
                InputParty owner = owners.get(i);
                InputParty.EncodedRows rows = encoded.get(i);
                tasks.add(() -> {
                    owner.share(rows);
                    return null;
                });
            }
            List<WeightShare> shares = awaitAll(pool, tasks);
            long end = System.nanoTime();
            byte[] s0 = shares.get(0).toBytes();
            byte[] s1 = shares.get(1).toBytes();
            long bytes = t0.bytesReceived() + t1.bytesReceived();
            long setup = setupBytes[0] + setupBytes[1] + p0.openingBytes() + p1.openingBytes();
            int epochs = spec.sgd().epochs();
            return new Result(SharedModel.reconstruct(spec.kind(), s0, s1), s0, s1, (end - start) / 1e9,
                    (end - online) / 1e9, bytes, p0.rounds(), (bytes - setup) / epochs,
                    (p0.rounds() - setupRounds[0]) / epochs, List.copyOf(losses), p0.cacheStats());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Transport transport(Map<Participant, Transport> transports, Participant p) {
        Transport t = transports.get(p);
        if (t == null) {
            throw new IllegalArgumentException("no transport for " + p.name());
        }
        return t;
    }

    private static <T> List<T> awaitAll(ExecutorService pool, List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> future : futures) {
                out.add(future.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a participant failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while training", e);
        }
        return out;
    }
}
