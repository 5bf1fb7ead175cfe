package io.cleave.mpc;

import io.cleave.mpc.internal.Frames;
import io.cleave.mpc.internal.Prg;
import io.cleave.mpc.internal.PrgSeed;

/**
 * One compute party's side of the one-time opening of {@code E = X − A} in a job whose parties open
 * the mask (SecureML's mask reuse), streamed: a page is opened when training first reaches its
 * rows, so the transfer of E overlaps the first epoch instead of preceding it.
 *
 * <p>Party 1's share of the rows is its own data-mask share {@code A₁} (the data owner masks with
 * that stream), so its half of E is zero and the opening is one way: party 0 receives a page of
 * {@code X − A₁} from the owner, subtracts {@code A₀} and passes the page of E on; party 1 receives
 * E. Pages are {@link Frames#MAX_ELEMENTS} elements from the start of each input party's rows, in
 * row order; both parties ask for rows in the same public order, so the pages on the party-to-party
 * connection fall between the same openings at both ends. Not thread-safe: the party's thread
 * drives it.
 */
final class StreamedOpening {
    private final int index;
    private final SecureJobSpec spec;
    private final Transport transport;
    private final Participant peer;
    private final long[] opened;
    /** Party 0's stream of {@code A₀} over the current input party's rows; null at party 1. */
    private Prg maskShare;
    private final PrgSeed dealerSeed;
    private int owner;
    /** Elements of E opened so far: a prefix of the rows in row order. */
    private int openedElements;
    private long bytesReceived;

    /** @param opened where E goes, training rows × features, row-major */
    StreamedOpening(int index, SecureJobSpec spec, Transport transport, PrgSeed dealerSeed, long[] opened) {
        this.index = index;
        this.spec = spec;
        this.transport = transport;
        this.peer = Participant.party(1 - index);
        this.dealerSeed = dealerSeed;
        this.opened = opened;
    }

    /** Opens pages until every training row before {@code endRow} is in E. */
    void openUpTo(int endRow) {
        long needed = (long) endRow * spec.features();
        while (openedElements < needed) {
            openNextPage();
        }
    }

    /** Bytes of the frames this party received for the opening so far. */
    long bytesReceived() {
        return bytesReceived;
    }

    private void openNextPage() {
        Participant from = Participant.inputParty(owner);
        int end = (spec.rowOffset(owner) + spec.rowsPerInputParty().get(owner)) * spec.features();
        int at = openedElements;
        int n = Math.min(Frames.MAX_ELEMENTS, end - at);
        if (index == 0) {
            if (maskShare == null) {
                maskShare = DataMask.stream(dealerSeed, owner);
            }
            byte[] page = transport.receive(from);
            Frames.decodeInto(Frames.INPUT_FEATURES, page, opened, at, n, "feature pages of " + from.name());
            maskShare.subtractFrom(opened, at, n);
            bytesReceived += page.length;
            transport.send(peer, Frames.encodeOver(page, Frames.OPEN, opened, at, n));
        } else {
            byte[] page = transport.receive(peer);
            Frames.decodeInto(Frames.OPEN, page, opened, at, n, "masked data from " + peer.name());
            bytesReceived += page.length;
        }
        openedElements = at + n;
        if (openedElements == end) {
            owner++;
            maskShare = null;
        }
    }
}
