package dev.hybridpane.lab.kube;

/** What {@link EksTokenVerifier} concluded about one bearer token. */
public sealed interface EksTokenResult {

    /** The token is a valid presigned STS GetCallerIdentity for this cluster, signed with {@code accessKeyId}. */
    record Authenticated(String accessKeyId, String region) implements EksTokenResult {
    }

    /**
     * Not a valid token for this cluster. A real API server answers 401 with a Status whose message is "Unauthorized";
     * {@code reason} is for the lab's log, in aws-iam-authenticator's words where it has them.
     */
    record Unauthenticated(String reason) implements EksTokenResult {
        public int httpStatus() {
            return 401;
        }
    }
}
