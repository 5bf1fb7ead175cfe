package io.cleave.mpc;

import io.cleave.dataset.Dataset;
import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;
import io.cleave.training.PlaintextSgdTrainer;

/**
 * A data owner sharing its (already standardised) training rows with the two compute parties,
 * seed-compressed: party 1's share of the rows is its own data-mask share {@code A₁}, the AES-CTR
 * stream of a seed party 1 already holds, which the dealer also gives this owner (one seed, of its
 * own rows only); party 0 receives {@code X − A₁}. Each share alone is uniform, and party 1's half
 * of {@code E = X − A} is zero, so only party 0's half crosses (see {@link ComputeParty}). Labels
 * are shared with a seed of this owner's: party 1 receives the 32-byte seed, party 0 the rest.
 *
 * <p>Everything is validated and encoded before the first frame leaves: a bad label, a value
 * outside the ring-safe range or a schema mismatch fails with nothing sent.
 */
public final class InputParty {
    private final int index;
    private final SecureJobSpec spec;
    private final Transport transport;
    private final JobRandomness randomness;
    private volatile MaskedRowServer server;
    private volatile long featureBytesSent;

    public InputParty(int index, SecureJobSpec spec, Transport transport, JobRandomness randomness) {
        if (index < 0 || index >= spec.rowsPerInputParty().size()) {
            throw new IllegalArgumentException("input party index " + index + " is not in the job");
        }
        this.index = index;
        this.spec = spec;
        this.transport = transport;
        this.randomness = randomness;
    }

    /** Encodes and validates {@code rows}; the result can be shared with {@link #share(EncodedRows)}. */
    public EncodedRows encode(Dataset rows) {
        if (rows.rows() == 0) {
            throw new IllegalArgumentException("input party " + index + ": the dataset is empty");
        }
        if (rows.rows() != spec.rowsPerInputParty().get(index)) {
            throw new IllegalArgumentException("input party " + index + ": the job expects "
                    + spec.rowsPerInputParty().get(index) + " rows, the dataset has " + rows.rows());
        }
        if (rows.featureCount() != spec.features()) {
            throw new IllegalArgumentException("input party " + index + ": the job expects " + spec.features()
                    + " features, the dataset has " + rows.featureCount());
        }
        PlaintextSgdTrainer.validateLabels(rows, spec.kind());
        int d = spec.features();
        long[] x = new long[rows.rows() * d];
        long[] y = new long[rows.rows()];
        FixedPoint fp = spec.fixedPoint();
        for (int r = 0; r < rows.rows(); r++) {
            for (int c = 0; c < d; c++) {
                double value = rows.feature(r, c);
                // Name the value only when it is rejected: a job encodes millions of them.
                x[r * d + c] = fp.admitsInput(value) ? fp.encode(value) : fp.encodeInput(value,
                        "feature '" + rows.featureNames().get(c) + "' of training row " + (r + 1));
            }
            y[r] = fp.encodeInput(rows.label(r), "label '" + rows.labelName() + "' of training row " + (r + 1));
        }
        return new EncodedRows(x, y);
    }

    /** Validated, encoded rows; only {@link InputParty} can make one. */
    public static final class EncodedRows {
        private final long[] x;
        private final long[] y;

        private EncodedRows(long[] x, long[] y) {
            this.x = x;
            this.y = y;
        }
    }

    /**
     * Sends party 1 its label seed, and party 0 the complementary label shares and then
     * {@code X − A₁} (with {@code A₁}'s seed from the dealer) in pages of bounded size. In a
     * {@link MaskMode#CLIENT_AIDED} job it first receives the two seeds of its rows' mask from the
     * dealer and computes {@code E = X − A}; after the label shares it then serves blocks of E to
     * both parties' ExCaches until both are done (see {@link MaskedRowServer}), so this call
     * returns when training no longer needs this owner.
     */
    public void share(EncodedRows rows) {
        PrgSeed seed = randomness.seed("input-" + index);
        transport.send(Participant.PARTY_1, Frames.encodeSeed(seed));
        long[] y0 = rows.y.clone();
        new Prg(seed.derive("labels")).subtractFrom(y0, 0, y0.length);
        if (spec.clientAided()) {
            long[] opened = rows.x.clone();
            new Prg(Frames.decodeSeed(transport.receive(Participant.DEALER), "mask seed 0"))
                    .subtractFrom(opened, 0, opened.length);
            new Prg(Frames.decodeSeed(transport.receive(Participant.DEALER), "mask seed 1"))
                    .subtractFrom(opened, 0, opened.length);
            transport.send(Participant.PARTY_0, Frames.encode(Frames.INPUT_LABELS, y0));
            server = new MaskedRowServer(Participant.inputParty(index), opened, spec.features(), transport);
            server.serveBothParties();
        } else {
            Prg partyOneMask = new Prg(Frames.decodeSeed(transport.receive(Participant.DEALER), "mask seed 1"));
            transport.send(Participant.PARTY_0, Frames.encode(Frames.INPUT_LABELS, y0));
            sendPages(rows.x, partyOneMask);
        }
    }

    /**
     * Bytes of feature data sent to the compute parties so far: party 0's shares, or in a
     * client-aided job the blocks of E served to both parties (8 bytes per element).
     */
    public long featureBytesSent() {
        return server != null ? server.bytesServed() : featureBytesSent;
    }

    /**
     * Sends party 0 {@code x − stream} page by page, each page as soon as it is masked, so the
     * receiver works while later pages are still being computed.
     */
    private void sendPages(long[] x, Prg stream) {
        long[] page = new long[Math.min(Frames.MAX_ELEMENTS, x.length)];
        for (int at = 0; at < x.length; at += Frames.MAX_ELEMENTS) {
            int n = Math.min(Frames.MAX_ELEMENTS, x.length - at);
            System.arraycopy(x, at, page, 0, n);
            stream.subtractFrom(page, 0, n);
            transport.send(Participant.PARTY_0, Frames.encode(Frames.INPUT_FEATURES, page, 0, n));
            featureBytesSent += (long) n * Long.BYTES;
        }
    }
}
