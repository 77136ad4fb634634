package dev.hybridpane.lab.aws;

/** A failure the AWS emulator can be told to answer with, in the spelling of the service that is called. */
public enum Fault {
    /** AccessDeniedException (EKS, SSM, Roles Anywhere), AccessDenied (STS, IAM), UnauthorizedOperation (EC2). */
    ACCESS_DENIED,
    /**
     * ThrottlingException (JSON services: HTTP 400 as AWS's Common Errors list it; EKS's own model says 429),
     * Throttling (STS, IAM: 400), RequestLimitExceeded (EC2: 503, as EC2 answers it).
     */
    THROTTLING,
    /** HTTP 500: InternalFailure (Common Errors), ServerException (EKS), InternalServerError (SSM), ServiceFailure (IAM), InternalError (EC2). */
    INTERNAL_ERROR,
    /** HTTP 503: ServiceUnavailable (Common Errors), ServiceUnavailableException (EKS), Unavailable (EC2). */
    SERVICE_UNAVAILABLE;

    /** Whether the SDK's retries are meant to ride through it (throttling and 5xx), as opposed to a refusal. */
    public boolean transientFault() {
        return this != ACCESS_DENIED;
    }
}
