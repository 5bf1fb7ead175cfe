package io.cleave.mpc;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.PartyStep;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.mpc.internal.RingKernels;
import io.cleave.mpc.internal.StepMaterial;
import io.cleave.training.TrainingListener;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One of the two compute parties of a secret-shared training job.
 *
 * <p>Call order, enforced by a state machine: {@link #receiveSeedAndInputs()}, then
 * {@link #openDataMask()}, then {@link #train(TrainingListener)}; or {@link #run} for all three.
 * A failure leaves the party {@code FAILED} for good. What a party receives: its dealer seed (and,
 * party 0, one correction frame per step), input shares (party 1: seeds only), and the peer's
 * masked openings — each uniformly distributed given the party's view; the opened values are
 * {@code E = X − A} once, then per step {@code w − Bw}, the sigmoid masks and {@code e″ − Be}.
 * With {@link SecureJobSpec#openEpochLoss()} one value per epoch, the mean loss, is also opened.
 *
 * <p>Not thread-safe: one thread drives one party.
 */
public final class ComputeParty {
    private enum State { NEW, INPUTS_RECEIVED, MASK_OPENED, TRAINED, FAILED }

    private static final Map<State, Set<State>> TRANSITIONS = Map.of(
            State.NEW, EnumSet.of(State.INPUTS_RECEIVED, State.FAILED),
            State.INPUTS_RECEIVED, EnumSet.of(State.MASK_OPENED, State.FAILED),
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
    private long rounds;

    public ComputeParty(int index, SecureJobSpec spec, Transport transport) {
        this.peer = Participant.party(1 - index);
        this.index = index;
        this.spec = spec;
        this.transport = transport;
    }

    /** Runs every phase and returns this party's share of the model. */
    public WeightShare run(TrainingListener listener) {
        receiveSeedAndInputs();
        openDataMask();
        return train(listener);
    }

    /**
     * Phase 1: the dealer's seed and this party's shares of every input party's rows and labels,
     * page by page. Each page's data-mask share is expanded as the page arrives and, unless the job
     * is client-aided, this party's half of the opening {@code E = X − A} leaves at once, so the
     * opening travels while later input pages are still arriving.
     */
    public void receiveSeedAndInputs() {
        checkState(State.NEW, "receiveSeedAndInputs");
        guarded(() -> {
            dealerSeed = Frames.decodeSeed(transport.receive(Participant.DEALER), "dealer seed");
            shares = new long[spec.rows() * spec.features()];
            mask = new long[shares.length];
            labels = new long[spec.rows()];
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                receiveInput(i);
            }
        });
        transitionTo(State.INPUTS_RECEIVED);
    }

    /**
     * Party 1 expands its shares from the owner's seed; party 0 receives pages. In a client-aided
     * job both parties receive the owner's pages of {@code E} instead of feature shares.
     */
    private void receiveInput(int i) {
        Participant owner = Participant.inputParty(i);
        PrgSeed seed = index == 1 ? Frames.decodeSeed(transport.receive(owner), "input seed of " + owner.name()) : null;
        Prg expandedShares = spec.clientAided() || index == 0 ? null : new Prg(seed.derive("features"));
        Prg maskShare = DataMask.stream(dealerSeed, i);
        forEachPage(i, (at, n) -> {
            if (expandedShares == null) {
                Frames.decodeInto(Frames.INPUT_FEATURES, transport.receive(owner), shares, at, n,
                        "feature pages of " + owner.name());
            } else {
                expandedShares.fill(shares, at, n);
            }
            maskShare.fill(mask, at, n);
            if (!spec.clientAided()) {
                for (int k = at; k < at + n; k++) {
                    shares[k] -= mask[k];
                }
                transport.send(peer, Frames.encode(Frames.OPEN, shares, at, n));
            }
        });
        int rowOffset = spec.rowOffset(i);
        int rows = spec.rowsPerInputParty().get(i);
        if (index == 1) {
            new Prg(seed.derive("labels")).fill(labels, rowOffset, rows);
        } else {
            Frames.decodeInto(Frames.INPUT_LABELS, transport.receive(owner), labels, rowOffset, rows,
                    "label shares of " + owner.name());
        }
    }

    /**
     * Phase 2: completes the one-time opening of {@code E = X − A} for all rows (SecureML's mask
     * reuse) with the peer's half, whose pages were sent, like this party's, during phase 1: one
     * pipelined round. In a client-aided job E came from the data owners and nothing is exchanged.
     */
    public void openDataMask() {
        checkState(State.INPUTS_RECEIVED, "openDataMask");
        guarded(() -> {
            if (spec.clientAided()) {
                return;
            }
            long[] page = new long[Math.min(Frames.MAX_ELEMENTS, shares.length)];
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                forEachPage(i, (at, n) -> {
                    Frames.decodeInto(Frames.OPEN, transport.receive(peer), page, 0, n, "masked data from " + peer.name());
                    for (int k = 0; k < n; k++) {
                        shares[at + k] += page[k];
                    }
                });
            }
            rounds++;
        });
        transitionTo(State.MASK_OPENED);
    }

    /** The pages of input party i's rows (row-major elements), in the order their frames travel. */
    private void forEachPage(int i, PageAction action) {
        int start = spec.rowOffset(i) * spec.features();
        int end = start + spec.rowsPerInputParty().get(i) * spec.features();
        for (int at = start; at < end; at += Frames.MAX_ELEMENTS) {
            action.page(at, Math.min(Frames.MAX_ELEMENTS, end - at));
        }
    }

    @FunctionalInterface
    private interface PageAction {
        void page(int at, int length);
    }

    /** Phase 3: mini-batch SGD; returns this party's share of the weights and bias. */
    public WeightShare train(TrainingListener listener) {
        checkState(State.MASK_OPENED, "train");
        WeightShare[] out = new WeightShare[1];
        guarded(() -> out[0] = new SgdLoop(spec, index, new PartyStep(index, spec.fixedPoint().fractionBits(),
                spec.features(), shares, mask, this::open), new Prg(dealerSeed.derive("steps")), labels,
                this::receiveCorrection, this::open).run(listener));
        transitionTo(State.TRAINED);
        shares = null;
        mask = null;
        return out[0];
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
