package io.cleave.cli.client;

/** The broker refused a request, or could not be reached (status 0). The message is for the user. */
public final class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public BrokerException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
