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

    /** Phase 1: the dealer's seed and this party's shares of every input party's rows and labels. */
    public void receiveSeedAndInputs() {
        checkState(State.NEW, "receiveSeedAndInputs");
        guarded(() -> {
            dealerSeed = Frames.decodeSeed(transport.receive(Participant.DEALER), "dealer seed");
            int d = spec.features();
            shares = new long[spec.rows() * d];
            labels = new long[spec.rows()];
            for (int i = 0; i < spec.rowsPerInputParty().size(); i++) {
                receiveInput(i, spec.rowOffset(i), spec.rowsPerInputParty().get(i), d);
            }
        });
        transitionTo(State.INPUTS_RECEIVED);
    }

    /**
     * Party 1 expands its shares from the owner's seed; party 0 receives pages. In a client-aided
     * job both parties receive the owner's pages of {@code E} instead of feature shares.
     */
    private void receiveInput(int i, int rowOffset, int rows, int d) {
        Participant owner = Participant.inputParty(i);
        PrgSeed seed = index == 1 ? Frames.decodeSeed(transport.receive(owner), "input seed of " + owner.name()) : null;
        if (spec.clientAided() || index == 0) {
            int total = rows * d;
            for (int at = 0; at < total; at += Frames.MAX_ELEMENTS) {
                int n = Math.min(Frames.MAX_ELEMENTS, total - at);
                Frames.decodeInto(Frames.INPUT_FEATURES, transport.receive(owner), shares, rowOffset * d + at, n,
                        "feature pages of " + owner.name());
            }
        } else {
            new Prg(seed.derive("features")).fill(shares, rowOffset * d, rows * d);
        }
        if (index == 1) {
            new Prg(seed.derive("labels")).fill(labels, rowOffset, rows);
        } else {
            Frames.decodeInto(Frames.INPUT_LABELS, transport.receive(owner), labels, rowOffset, rows,
                    "label shares of " + owner.name());
        }
    }

    /**
     * Phase 2: opens {@code E = X − A} once for all rows (SecureML's mask reuse), in frames of
     * bounded size sent before any is awaited so the exchange is one pipelined round. In a
     * client-aided job E came from the data owners and only the mask share is expanded.
     */
    public void openDataMask() {
        checkState(State.INPUTS_RECEIVED, "openDataMask");
        guarded(() -> {
            mask = DataMask.expand(dealerSeed, spec);
            if (spec.clientAided()) {
                return;
            }
            long[] e = shares;
            for (int at = 0; at < e.length; at += Frames.MAX_ELEMENTS) {
                int n = Math.min(Frames.MAX_ELEMENTS, e.length - at);
                for (int i = at; i < at + n; i++) {
                    e[i] -= mask[i];
                }
                transport.send(peer, Frames.encode(Frames.OPEN, e, at, n));
            }
            long[] chunk = new long[Math.min(Frames.MAX_ELEMENTS, e.length)];
            for (int at = 0; at < e.length; at += Frames.MAX_ELEMENTS) {
                int n = Math.min(Frames.MAX_ELEMENTS, e.length - at);
                Frames.decodeInto(Frames.OPEN, transport.receive(peer), chunk, 0, n, "masked data from " + peer.name());
                for (int i = 0; i < n; i++) {
                    e[at + i] += chunk[i];
                }
            }
            rounds++;
        });
        transitionTo(State.MASK_OPENED);
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
