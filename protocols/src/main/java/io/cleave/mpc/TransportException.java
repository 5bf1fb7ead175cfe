package io.cleave.mpc;

/** A frame could not be delivered or did not arrive in time; the job cannot continue. */
public final class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
