package io.cleave.mpc;

import java.util.ArrayList;
import java.util.List;

/**
 * Decorator that keeps a copy of every frame its participant receives, for leakage tests: what a
 * party could learn is a function of exactly these bytes (and its own randomness).
 */
public final class RecordingTransport implements Transport {
    /** One received frame and its sender. */
    public record Received(Participant from, byte[] frame) {
        public Received {
            frame = frame.clone();
        }

        @Override
        public byte[] frame() {
            return frame.clone();
        }
    }

    private final Transport delegate;
    private final List<Received> received = new ArrayList<>();

    public RecordingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Participant self() {
        return delegate.self();
    }

    @Override
    public void send(Participant to, byte[] frame) {
        delegate.send(to, frame);
    }

    @Override
    public byte[] receive(Participant from) {
        byte[] frame = delegate.receive(from);
        synchronized (received) {
            received.add(new Received(from, frame));
        }
        return frame;
    }

    /** Everything received so far, in arrival order per sender. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
