package io.cleave.broker.federation;

/**
 * A request the broker refuses, with a message safe to show the caller. The kind says how the
 * edges (HTTP, gRPC) report it.
 */
public final class FederationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Kind {
        NOT_FOUND, CONFLICT, INVALID
    }

    private final Kind kind;

    public FederationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static FederationException notFound(String message) {
        return new FederationException(Kind.NOT_FOUND, message);
    }

    public static FederationException conflict(String message) {
        return new FederationException(Kind.CONFLICT, message);
    }

    public static FederationException invalid(String message) {
        return new FederationException(Kind.INVALID, message);
    }
}
