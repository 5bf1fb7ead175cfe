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
 * <p>Call order, enforced by a state machine: {@link #receiveInputsAndOpenMask()}, then
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
    private enum State { NEW, MASK_OPENED, TRAINED, FAILED }

    private static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.NEW, EnumSet.of(State.MASK_OPENED, State.FAILED),
            State.MASK_OPENED, EnumSet.of(State.TRAINED, State.FAILED),
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
    private long[] mask;
    private MaskedRows rows;
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
        receiveInputsAndOpenMask();
        return train(listener, checkpoints);
    }

    /**
     * Makes this party go on from {@code checkpoint} instead of epoch 1: the inputs are received and
     * E opened as usual (the dealer deals the same mask again), then training starts after the
     * checkpoint's epoch with its weight and label shares. Call before anything else.
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
     * Phase 1: the dealer's seed and this party's shares of every input party's labels, and of its
     * rows: in a job whose parties open the mask, the one-time opening of {@code E = X − A} for all
     * rows (SecureML's mask reuse), page by page as the inputs arrive. Party 1's share of the rows is
     * its own data-mask share {@code A₁} (the data owner masks with that stream), so its half of E is
     * zero and the opening is one way: party 0 receives {@code X − A₁}, subtracts {@code A₀} and sends
     * each page of E to party 1 at once; party 1 only expands {@code A₁} and receives E. In a
     * client-aided job no rows arrive here: the data owners serve blocks of E on demand to this
     * party's {@link ExCache} during training.
     */
    public void receiveInputsAndOpenMask() {
        checkState(State.NEW, "receiveInputsAndOpenMask");
        guarded(() -> {
            dealerSeed = Frames.decodeSeed(transport.receive(Participant.DEALER), "dealer seed");
            labels = new long[spec.rows()];
            if (spec.clientAided()) {
                cache = new ExCache(spec, transport, dealerSeed, cacheSettings);
                rows = cache;
            } else {
                shares = new long[spec.rows() * spec.features()];
                mask = new long[shares.length];
                rows = MaskedRows.resident(shares, mask);
            }
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                receiveInput(i);
            }
            if (!spec.clientAided()) {
                rounds++;
            }
        });
        transitionTo(State.MASK_OPENED);
    }

    /** Party 1 expands its label shares from the owner's seed; party 0 receives them. */
    private void receiveInput(int i) {
        Participant owner = Participant.inputParty(i);
        PrgSeed seed = index == 1 ? Frames.decodeSeed(transport.receive(owner), "input seed of " + owner.name()) : null;
        if (!spec.clientAided()) {
            openMask(i, owner);
        }
        int rowOffset = spec.rowOffset(i);
        int ownerRows = spec.rowsPerInputParty().get(i);
        if (index == 1) {
            new Prg(seed.derive("labels")).fill(labels, rowOffset, ownerRows);
        } else {
            Frames.decodeInto(Frames.INPUT_LABELS, transport.receive(owner), labels, rowOffset, ownerRows,
                    "label shares of " + owner.name());
        }
    }

    /**
     * This party's data-mask share of input party i's rows, and E over them: party 0 turns each page
     * of {@code X − A₁} from the owner into E and passes it on; party 1 receives E.
     */
    private void openMask(int i, Participant owner) {
        Prg maskShare = DataMask.stream(dealerSeed, i);
        int start = spec.rowOffset(i) * spec.features();
        int end = start + spec.rowsPerInputParty().get(i) * spec.features();
        for (int at = start; at < end; at += Frames.MAX_ELEMENTS) {
            int n = Math.min(Frames.MAX_ELEMENTS, end - at);
            maskShare.fill(mask, at, n);
            if (index == 0) {
                Frames.decodeInto(Frames.INPUT_FEATURES, transport.receive(owner), shares, at, n,
                        "feature pages of " + owner.name());
                for (int k = at; k < at + n; k++) {
                    shares[k] -= mask[k];
                }
                transport.send(peer, Frames.encode(Frames.OPEN, shares, at, n));
            } else {
                Frames.decodeInto(Frames.OPEN, transport.receive(peer), shares, at, n, "masked data from " + peer.name());
            }
        }
    }

    /** Phase 2: mini-batch SGD; returns this party's share of the weights and bias. */
    public WeightShare train(TrainingListener listener) {
        return train(listener, CheckpointSink.NONE);
    }

    /** Phase 2, handing a checkpoint to {@code checkpoints} after each epoch but the last. */
    public WeightShare train(TrainingListener listener, CheckpointSink checkpoints) {
        checkState(State.MASK_OPENED, "train");
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
        shares = null;
        mask = null;
        rows = null;
        return out[0];
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
