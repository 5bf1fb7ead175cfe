package io.cleave.broker.auth;

/** A sign-in with a wrong username or password (HTTP 401); the message does not say which. */
public final class BadCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadCredentialsException(String message) {
        super(message);
    }
}
