package dev.hybridpane.core.profile;

/** Profiles could not be read or written; the message is one sentence for the user. */
public class ProfileStoreException extends RuntimeException {
    public ProfileStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
