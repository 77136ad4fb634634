package dev.hybridpane.core;

import dev.hybridpane.domain.ConnectionState.FailureKind;
import java.util.Optional;

/**
 * A failed AWS call, translated at the adapter boundary into a kind and a sentence for the user.
 * Never carries secrets; never needs a stack trace to be understood.
 */
public final class AwsFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final String operation;
    private final String errorCode;
    private final transient CredentialProblem credentialProblem;

    public AwsFailure(FailureKind kind, String operation, String errorCode, String message, Throwable cause) {
        this(kind, operation, errorCode, message, cause, null);
    }

    /** @param credentialProblem why the profile's credentials failed, in the user's words (null: not known) */
    public AwsFailure(FailureKind kind, String operation, String errorCode, String message, Throwable cause,
            CredentialProblem credentialProblem) {
        super(message, cause);
        this.kind = kind;
        this.operation = operation;
        this.errorCode = errorCode;
        this.credentialProblem = credentialProblem;
    }

    /** Why the profile's credentials (or a region's access) failed, when the adapter could tell. */
    public Optional<CredentialProblem> credentialProblem() {
        return Optional.ofNullable(credentialProblem);
    }

    public FailureKind kind() {
        return kind;
    }

    /** e.g. "eks:DescribeCluster". */
    public String operation() {
        return operation;
    }

    /** AWS error code such as AccessDeniedException, or null. */
    public String errorCode() {
        return errorCode;
    }
}
