package dev.hybridpane.lab.aws;

import java.util.List;

/** What {@link SigV4Verifier} concluded about one request. */
public sealed interface SigV4Result {

    /** The signature is AWS's: the request was signed by the holder of {@code accessKeyId}'s secret. */
    record Verified(String accessKeyId, String region, String service, List<String> signedHeaders, boolean presigned)
            implements SigV4Result {
        public Verified {
            signedHeaders = List.copyOf(signedHeaders);
        }
    }

    /**
     * Refused as AWS refuses it. {@code awsErrorCode} is the query protocol's spelling (STS, IAM, EC2);
     * {@link #jsonErrorCode()} is the spelling of the JSON and REST-JSON services (EKS, SSM, Roles Anywhere).
     */
    record Refused(Reason reason, int httpStatus, String awsErrorCode, String message) implements SigV4Result {
        public String jsonErrorCode() {
            return reason.jsonCode;
        }
    }

    /** Why a request was refused, with the codes AWS answers for it. */
    enum Reason {
        /** No Authorization header and no presigned query parameters. */
        MISSING_AUTHENTICATION(403, "MissingAuthenticationToken", "MissingAuthenticationTokenException"),
        /** An Authorization header or presigned query lacks a part, or names an unknown algorithm. */
        INCOMPLETE_SIGNATURE(400, "IncompleteSignature", "IncompleteSignatureException"),
        /** The access key id is not one the service knows, or its session token does not match. */
        UNKNOWN_ACCESS_KEY(403, "InvalidClientTokenId", "UnrecognizedClientException"),
        /**
         * The signature differs from the one computed (a changed body included), or the scope names another region,
         * service or day.
         */
        SIGNATURE_MISMATCH(403, "SignatureDoesNotMatch", "InvalidSignatureException"),
        /** The request's date is too far from now, or a presigned URL's lifetime has passed. */
        EXPIRED(400, "RequestExpired", "InvalidSignatureException");

        final int status;
        final String queryCode;
        final String jsonCode;

        Reason(int status, String queryCode, String jsonCode) {
            this.status = status;
            this.queryCode = queryCode;
            this.jsonCode = jsonCode;
        }

        Refused refuse(String message) {
            return new Refused(this, status, queryCode, message);
        }
    }
}
