package dev.hybridpane.domain.pool;

/** A HybridNodePool document that cannot be read; the message is one line naming the field. */
public final class PoolFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PoolFormatException(String message) {
        super(message);
    }
}
