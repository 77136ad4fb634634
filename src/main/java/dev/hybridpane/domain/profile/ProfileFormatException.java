package dev.hybridpane.domain.profile;

import dev.hybridpane.domain.Shown;

/** A ClusterProfile document that cannot be read; the message is one line naming the field. */
public final class ProfileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** {@code message} may hold names read from the document: it is made one line ({@link Shown#line}). */
    public ProfileFormatException(String message) {
        super(Shown.line(message));
    }
}
