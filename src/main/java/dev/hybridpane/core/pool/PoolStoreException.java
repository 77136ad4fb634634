package dev.hybridpane.core.pool;

/** Reading or writing pools failed; the message is one sentence for the administrator. */
public final class PoolStoreException extends RuntimeException {
    private final boolean conflict;

    public PoolStoreException(String message, boolean conflict, Throwable cause) {
        super(message, cause);
        this.conflict = conflict;
    }

    /** Someone else changed the object since it was read (HTTP 409). */
    public boolean conflict() {
        return conflict;
    }
}
