package dev.hybridpane.domain.profile;

import java.util.Objects;

/**
 * A problem with one field of a profile version: {@code field} is the path of {@link FieldChange} (for example
 * {@code kubernetes.kubeletFlags[2]}), {@code message} a sentence saying why.
 */
public record ProfileProblem(String field, String message, Severity severity) {
    public ProfileProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    public static ProfileProblem error(String field, String message) {
        return new ProfileProblem(field, message, Severity.ERROR);
    }

    public static ProfileProblem warning(String field, String message) {
        return new ProfileProblem(field, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
