package dev.hybridpane.domain.pool;

import dev.hybridpane.domain.Shown;

/** A HybridNodePool document that cannot be read; the message is one line naming the field. */
public final class PoolFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** {@code message} may hold names read from the document: it is made one line ({@link Shown#line}). */
    public PoolFormatException(String message) {
        super(Shown.line(message));
    }
}
