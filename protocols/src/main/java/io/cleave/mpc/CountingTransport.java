package io.cleave.mpc;

import java.util.concurrent.atomic.AtomicLong;

/** Decorator counting the bytes and frames its participant sends and receives. Thread-safe. */
public final class CountingTransport implements Transport {
    private final Transport delegate;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();

    public CountingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public Participant self() {
        return delegate.self();
    }

    @Override
    public void send(Participant to, byte[] frame) {
        bytesSent.addAndGet(frame.length);
        delegate.send(to, frame);
    }

    @Override
    public byte[] receive(Participant from) {
        byte[] frame = delegate.receive(from);
        bytesReceived.addAndGet(frame.length);
        return frame;
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
