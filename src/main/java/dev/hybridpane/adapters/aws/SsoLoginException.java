package dev.hybridpane.adapters.aws;

/**
 * A device sign-in that did not end with a token: it expired, was cancelled, the service refused it, or it could not
 * be reached.
 */
public final class SsoLoginException extends RuntimeException {
    /** Why. */
    public enum Reason { EXPIRED, CANCELLED, REFUSED, UNREACHABLE }

    private final Reason reason;

    public SsoLoginException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
