package dev.hybridpane.core;

import dev.hybridpane.domain.ConnectionState.FailureKind;

/**
 * A failed AWS call, translated at the adapter boundary into a kind and a sentence for the user.
 * Never carries secrets; never needs a stack trace to be understood.
 */
public final class AwsFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final String operation;
    private final String errorCode;

    public AwsFailure(FailureKind kind, String operation, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.operation = operation;
        this.errorCode = errorCode;
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
