package io.cleave.broker.audit;

/** A batch of audit records was not acknowledged; retriable. */
public final class AuditDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
