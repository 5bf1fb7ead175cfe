package io.cleave.broker.auth;

/** A signed-in caller asked for something its role or organisation does not allow; the message says what. */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
