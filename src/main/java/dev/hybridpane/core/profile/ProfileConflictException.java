package dev.hybridpane.core.profile;

/** A write refused because the profile changed since it was read (HTTP 409): re-read it and save on top. */
public final class ProfileConflictException extends ProfileStoreException {
    public ProfileConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
