package io.cleave.mpc;

/**
 * One participant's end of the job's message network: ordered, reliable frames to and from each
 * other participant. Frames between one pair of participants arrive in the order sent; frames
 * from different senders are independent queues, so a receiver names whom it expects.
 *
 * <p>The sealed channel wraps this interface without changing the engine. Implementations:
 * {@link InMemoryNetwork} (tests), {@link LoopbackSocketNetwork} (real sockets); decorators
 * {@link RecordingTransport} and {@link CountingTransport}.
 *
 * <p>{@code send} may be called from one thread per destination and {@code receive} from one
 * thread per source at a time.
 */
public interface Transport extends AutoCloseable {
    Participant self();

    /** Queues {@code frame} for {@code to}; the caller must not modify the array afterwards. */
    void send(Participant to, byte[] frame);

    /**
     * The next frame from {@code from}, waiting at most the network's timeout. The array is the
     * caller's from then on (it may write over it, say to send it on).
     *
     * @throws TransportException if the wait times out, the network closes, or the thread is interrupted
     */
    byte[] receive(Participant from);

    @Override
    void close();
}
