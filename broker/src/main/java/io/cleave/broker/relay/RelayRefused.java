package io.cleave.broker.relay;

/** A caller asked to join or use a relay it has no part in; the message is safe to show it. */
public final class RelayRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RelayRefused(String message) {
        super(message);
    }
}
