package io.cleave.mpc;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.PartyStep;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.mpc.internal.RingKernels;
import io.cleave.training.TrainingListener;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One of the two compute parties of a secret-shared training job.
 *
 * <p>Call order, enforced by a state machine: {@link #receiveInputs()}, then
 * {@link #train(TrainingListener)}; or {@link #run} for both.
 * A failure leaves the party {@code FAILED} for good. What a party receives: its dealer seed (and,
 * party 0, one correction frame per step), input shares (party 0: {@code X − A₁} from each data
 * owner, and label shares; party 1: the seed of its label shares) or, client-aided, blocks of E from
 * the data owners, and the peer's masked openings — each uniformly distributed given the party's
 * view; the opened values are
 * {@code E = X − A} once, then per step {@code w − Bw}, the sigmoid masks and {@code e″ − Be}.
 * With {@link SecureJobSpec#openEpochLoss()} one value per epoch, the mean loss, is also opened.
 *
 * <p>Not thread-safe: one thread drives one party.
 */
public final class ComputeParty {
    private enum State { NEW, INPUTS_RECEIVED, TRAINED, FAILED }

    private static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.NEW, EnumSet.of(State.INPUTS_RECEIVED, State.FAILED),
            State.INPUTS_RECEIVED, EnumSet.of(State.TRAINED, State.FAILED),
            State.TRAINED, EnumSet.noneOf(State.class),
            State.FAILED, EnumSet.noneOf(State.class));

    private final int index;
    private final SecureJobSpec spec;
    private final Transport transport;
    private final Participant peer;
    private State state = State.NEW;
    private PrgSeed dealerSeed;
    private long[] shares;
    private long[] labels;
    private MaskedRows rows;
    private StreamedOpening opening;
    private long openingBytes;
    private ExCache cache;
    private final ExCacheSettings cacheSettings;
    private long rounds;
    private TrainingCheckpoint resumeFrom;

    /** A party with the default {@link ExCacheSettings}. */
    public ComputeParty(int index, SecureJobSpec spec, Transport transport) {
        this(index, spec, transport, ExCacheSettings.DEFAULT);
    }

    /** @param cacheSettings how much of E this party keeps in a client-aided job (unused otherwise) */
    public ComputeParty(int index, SecureJobSpec spec, Transport transport, ExCacheSettings cacheSettings) {
        this.peer = Participant.party(1 - index);
        this.index = index;
        this.spec = spec;
        this.transport = transport;
        this.cacheSettings = cacheSettings;
    }

    /** Runs every phase and returns this party's share of the model. */
    public WeightShare run(TrainingListener listener) {
        return run(listener, CheckpointSink.NONE);
    }

    /** Runs every phase, handing a checkpoint to {@code checkpoints} after each epoch but the last. */
    public WeightShare run(TrainingListener listener, CheckpointSink checkpoints) {
        receiveInputs();
        return train(listener, checkpoints);
    }

    /**
     * Makes this party go on from {@code checkpoint} instead of epoch 1: the inputs are received and
     * E opened as usual (the dealer deals the same mask again), then training starts after the
     * checkpoint's epoch with its weight and label shares (the first epoch it trains streams the
     * opening). Call before anything else.
     *
     * @throws IllegalArgumentException if the checkpoint is of another party or does not fit the spec
     */
    public void resumeFrom(TrainingCheckpoint checkpoint) {
        checkState(State.NEW, "resumeFrom");
        if (resumeFrom != null) {
            throw new IllegalStateException("party " + index + ": resumeFrom() was already called");
        }
        checkpoint.requireFits(spec, index);
        resumeFrom = checkpoint;
    }

    /**
     * Phase 1: the dealer's seed and this party's shares of every input party's labels. The rows
     * follow during training: in a job whose parties open the mask, the one-time opening of
     * {@code E = X − A} (SecureML's mask reuse) is streamed as the first epoch reaches each page
     * (see {@link StreamedOpening}; one round); in a client-aided job the data owners serve blocks
     * of E on demand to this party's {@link ExCache}.
     */
    public void receiveInputs() {
        checkState(State.NEW, "receiveInputs");
        guarded(() -> {
            dealerSeed = Frames.decodeSeed(transport.receive(Participant.DEALER), "dealer seed");
            labels = new long[spec.rows()];
            if (spec.clientAided()) {
                cache = new ExCache(spec, transport, dealerSeed, cacheSettings);
                rows = cache;
            } else {
                shares = new long[spec.rows() * spec.features()];
                opening = new StreamedOpening(index, spec, transport, dealerSeed, shares);
                rows = MaskedRows.resident(shares, dealerSeed, spec, opening);
                rounds++;
            }
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                receiveLabels(i);
            }
        });
        transitionTo(State.INPUTS_RECEIVED);
    }

    /** Party 1 expands its label shares from the owner's seed; party 0 receives them. */
    private void receiveLabels(int i) {
        Participant owner = Participant.inputParty(i);
        PrgSeed seed = index == 1 ? Frames.decodeSeed(transport.receive(owner), "input seed of " + owner.name()) : null;
        int rowOffset = spec.rowOffset(i);
        int ownerRows = spec.rowsPerInputParty().get(i);
        if (index == 1) {
            new Prg(seed.derive("labels")).fill(labels, rowOffset, ownerRows);
        } else {
            Frames.decodeInto(Frames.INPUT_LABELS, transport.receive(owner), labels, rowOffset, ownerRows,
                    "label shares of " + owner.name());
        }
    }

    /** Phase 2: mini-batch SGD; returns this party's share of the weights and bias. */
    public WeightShare train(TrainingListener listener) {
        return train(listener, CheckpointSink.NONE);
    }

    /** Phase 2, handing a checkpoint to {@code checkpoints} after each epoch but the last. */
    public WeightShare train(TrainingListener listener, CheckpointSink checkpoints) {
        checkState(State.INPUTS_RECEIVED, "train");
        WeightShare[] out = new WeightShare[1];
        guarded(() -> {
            out[0] = new SgdLoop(spec, index, new PartyStep(index, spec.fixedPoint().fractionBits(), spec.features(),
                    this::open), rows, new Prg(dealerSeed.derive("steps")), labels, this::receiveCorrection,
                    this::open, resumeFrom, checkpoints).run(listener);
            if (cache != null) {
                cache.finish();
            }
        });
        transitionTo(State.TRAINED);
        openingBytes = opening == null ? 0 : opening.bytesReceived();
        shares = null;
        rows = null;
        opening = null;
        return out[0];
    }

    /**
     * Bytes this party received for the one-time opening of E so far (0 in a client-aided job, whose
     * blocks of E the {@link ExCache} counts).
     */
    public long openingBytes() {
        return opening == null ? openingBytes : opening.bytesReceived();
    }

    /** This party's ExCache counters so far; empty unless the job is client-aided (E then comes on demand). */
    public Optional<ExCacheStats> cacheStats() {
        return Optional.ofNullable(cache).map(ExCache::stats);
    }

    private long[] open(long[] share) {
        transport.send(peer, Frames.encode(Frames.OPEN, share));
        long[] theirs = Frames.decode(Frames.OPEN, transport.receive(peer), share.length, "opening from " + peer.name());
        rounds++;
        return RingKernels.add(share, theirs);
    }

    private long[] receiveCorrection(int length) {
        return Frames.decode(Frames.CORRECTION, transport.receive(Participant.DEALER), length, "dealer correction");
    }

    /** Rounds of party-to-party communication so far (each opening is one). */
    public long rounds() {
        return rounds;
    }

    private void guarded(Runnable phase) {
        try {
            phase.run();
        } catch (RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private void checkState(State expected, String call) {
        if (state != expected) {
            throw new IllegalStateException("party " + index + ": " + call + "() needs state " + expected + ", found "
                    + state);
        }
    }

    private void transitionTo(State target) {
        if (!TRANSITIONS.get(state).contains(target)) {
            State from = state;
            state = State.FAILED;
            throw new IllegalStateException("party " + index + ": invalid transition " + from + " -> " + target);
        }
        state = target;
    }

    @Override
    public String toString() {
        return "ComputeParty[" + index + ", " + state + ", rounds=" + rounds + "]";
    }
}
