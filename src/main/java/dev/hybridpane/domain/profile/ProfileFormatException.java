package dev.hybridpane.domain.profile;

/** A ClusterProfile document that cannot be read; the message is one line naming the field. */
public final class ProfileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ProfileFormatException(String message) {
        super(message);
    }
}
