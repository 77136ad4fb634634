package dev.hybridpane.lab.aws;

/** A failure the AWS emulator can be told to answer with, in the spelling of the service that is called. */
public enum Fault {
    /** AccessDeniedException (EKS, SSM, Roles Anywhere), AccessDenied (STS, IAM), UnauthorizedOperation (EC2). */
    ACCESS_DENIED,
    /** ThrottlingException (JSON services), Throttling (STS, IAM), RequestLimitExceeded (EC2). */
    THROTTLING
}
