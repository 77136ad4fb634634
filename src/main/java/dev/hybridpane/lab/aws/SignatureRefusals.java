package dev.hybridpane.lab.aws;

import dev.hybridpane.lab.aws.SigV4Result.Reason;
import dev.hybridpane.lab.aws.SigV4Result.Refused;

/**
 * How each protocol's services answer a request whose signature {@link SigV4Verifier} refused: the error code, HTTP
 * status and message, written in the service's own error shape by {@link AwsService#error}. The one place where a
 * {@link Reason} becomes a wire error.
 * <ul>
 * <li>Query protocol, STS and IAM ({@code <ErrorResponse>}): the codes and statuses of their API references' "Common
 * Errors" pages: MissingAuthenticationToken 403, IncompleteSignature 400, InvalidClientTokenId 403, RequestExpired
 * 400; SignatureDoesNotMatch 403 as STS and IAM answer it (e.g. aws/aws-cli#5341, aws/aws-cli#6676). These are
 * {@link Refused#awsErrorCode()} and {@link Refused#httpStatus()}. STS has been seen answering a stale date with
 * SignatureDoesNotMatch and "Signature expired: ..." (aws/aws-cli#6676); the lab answers RequestExpired, the code its
 * Common Errors page gives for it.</li>
 * <li>EC2 ({@code <Response><Errors>}): an access key it does not know is AuthFailure, HTTP 401, "AWS was not able to
 * validate the provided access credentials" (aws/aws-sdk-java-v2#2981, aws/aws-sdk-java#2508,
 * hashicorp/packer#10302); a wrong signature is SignatureDoesNotMatch 403 with the common message
 * (mitchellh/vagrant-aws#138); the rest as the query protocol's Common Errors.</li>
 * <li>REST-JSON, EKS and IAM Roles Anywhere (code in {@code x-amzn-ErrorType}): every authentication error is HTTP 403,
 * the "Common Errors" of REST-JSON services (AWS Signer, Application Migration Service API references:
 * IncompleteSignature 403, UnrecognizedClientException 403, MissingAuthenticationTokenException 403) and seen on the
 * wire: InvalidSignatureException 403 with "Signature expired: ..." (basak/glacier-cli#36,
 * MoriTanosuke/glacieruploader#14), UnrecognizedClientException 403 (iann0036/iamlive#58). The codes are
 * {@link Refused#jsonErrorCode()}; a missing signature says "Missing Authentication Token".</li>
 * <li>JSON 1.1, SSM ({@code __type}): the same codes with HTTP 400, as JSON 1.x services answer them:
 * UnrecognizedClientException 400 (aws/aws-sdk-php#2444, aws-azure-login#37), InvalidSignatureException 400 with
 * "Signature expired: ..." or a scope error (remind101/logspout-kinesis#21, aws/aws-sdk-ruby#431).</li>
 * </ul>
 * Messages come from the verifier and never carry a secret, a session token or a signature.
 */
final class SignatureRefusals {
    private static final String EC2_AUTH_FAILURE = "AWS was not able to validate the provided access credentials";
    private static final String MISSING_TOKEN_JSON = "Missing Authentication Token";

    /** The wire protocols of the emulated services, by SigV4 signing name. */
    enum Protocol {
        QUERY, EC2, REST_JSON, JSON

        ;

        static Protocol of(String signingName) {
            return switch (signingName) {
                case "ec2" -> EC2;
                case "eks", "rolesanywhere" -> REST_JSON;
                case "ssm" -> JSON;
                default -> QUERY;
            };
        }
    }

    private SignatureRefusals() {
    }

    /** The refusal written as {@code service} writes its errors. */
    static AwsResponse answer(AwsService service, AwsRequest request, Refused refused) {
        Reason reason = refused.reason();
        return switch (Protocol.of(service.signingName())) {
            case QUERY -> service.error(request, refused.httpStatus(), refused.awsErrorCode(), refused.message());
            case EC2 -> reason == Reason.UNKNOWN_ACCESS_KEY
                    ? service.error(request, 401, "AuthFailure", EC2_AUTH_FAILURE)
                    : service.error(request, refused.httpStatus(), refused.awsErrorCode(), refused.message());
            case REST_JSON -> service.error(request, 403, refused.jsonErrorCode(), jsonMessage(refused));
            case JSON -> service.error(request, 400, refused.jsonErrorCode(), jsonMessage(refused));
        };
    }

    /** A refusal for a request that addresses no service the lab knows: REST-JSON's shape, as before. */
    static AwsResponse answerUnaddressed(Refused refused) {
        String body = "{\"message\":\"" + jsonMessage(refused).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return AwsResponse.json(403, "application/json", body).withHeader("x-amzn-ErrorType", refused.jsonErrorCode());
    }

    private static String jsonMessage(Refused refused) {
        return refused.reason() == Reason.MISSING_AUTHENTICATION ? MISSING_TOKEN_JSON : refused.message();
    }
}
