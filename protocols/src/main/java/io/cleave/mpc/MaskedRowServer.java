package io.cleave.mpc;

import io.cleave.mpc.internal.Frames;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A data owner serving its rows of the public {@code E = X − A} to the two compute parties' ExCaches
 * in a client-aided job: each party's requests are answered in order, on one thread per party,
 * until that party says it is done. A request is checked before anything is sent: the right tag
 * and length, at least one and at most one frame of rows, all inside this owner's rows. A bad
 * request is answered with the reason and ends the serving with an {@link IllegalArgumentException}.
 *
 * <p>Only the two compute parties are asked: the transport names each frame's sender (over the
 * sealed channel, authenticated as that party of this job). What the owner learns from requests is
 * which blocks each party wants when, which is the public training schedule.
 */
final class MaskedRowServer {
    private final Participant self;
    private final long[] opened;
    private final int features;
    private final int rows;
    private final Transport transport;
    private long bytesServed;

    /** @param opened this owner's rows of E, row-major */
    MaskedRowServer(Participant self, long[] opened, int features, Transport transport) {
        this.self = self;
        this.opened = opened;
        this.features = features;
        this.rows = opened.length / features;
        this.transport = transport;
    }

    /** Serves both parties until both are done; rethrows the first failure of either. */
    void serveBothParties() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                serve(Participant.PARTY_1);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, self.name() + "-serves-party-1");
        other.setDaemon(true);
        other.start();
        try {
            serve(Participant.PARTY_0);
        } catch (RuntimeException e) {
            other.interrupt();
            throw e;
        } finally {
            join(other);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Bytes of E sent so far (8 per element). */
    synchronized long bytesServed() {
        return bytesServed;
    }

    private void serve(Participant party) {
        while (true) {
            byte[] frame = transport.receive(party);
            if (frame.length == 1 && frame[0] == Frames.DONE) {
                return;
            }
            int[] block;
            try {
                block = validRequest(frame);
            } catch (IllegalArgumentException e) {
                transport.send(party, Frames.encodeRefusal(e.getMessage()));
                throw new IllegalArgumentException(self.name() + " refused a request of " + party.name() + ": "
                        + e.getMessage(), e);
            }
            transport.send(party, Frames.encode(Frames.MASKED_ROWS, opened, block[0] * features, block[1] * features));
            synchronized (this) {
                bytesServed += (long) block[1] * features * Long.BYTES;
            }
        }
    }

    /** {@code {firstRow, count}} of a well-formed request inside this owner's rows. */
    private int[] validRequest(byte[] frame) {
        if (frame.length == 0 || frame[0] != Frames.FETCH) {
            throw new IllegalArgumentException("expected a block request (tag " + Frames.FETCH + ") or done (tag "
                    + Frames.DONE + "), found " + (frame.length == 0 ? "an empty frame" : "tag " + frame[0]
                    + " in " + frame.length + " bytes"));
        }
        if (frame.length != Frames.FETCH_BYTES) {
            throw new IllegalArgumentException("a block request has " + Frames.FETCH_BYTES + " bytes (tag, first row,"
                    + " row count), found " + frame.length);
        }
        int[] block = Frames.decodeFetch(frame);
        int maxRows = Math.max(1, Frames.MAX_ELEMENTS / features);
        if (block[1] < 1 || block[1] > maxRows) {
            throw new IllegalArgumentException("a block request asks for 1.." + maxRows + " rows, found " + block[1]);
        }
        if (block[0] < 0 || block[0] > rows - block[1]) {
            throw new IllegalArgumentException("rows [" + block[0] + ", " + ((long) block[0] + block[1])
                    + ") are outside this owner's rows [0, " + rows + ")");
        }
        return block;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while serving rows of E", e);
        }
    }
}
