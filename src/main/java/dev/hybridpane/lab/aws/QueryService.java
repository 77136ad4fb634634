package dev.hybridpane.lab.aws;

import java.util.function.Consumer;
/**
 * Base for services on the AWS query protocol with the common XML error shape (STS, IAM):
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
abstract class QueryService implements AwsService {
    private final String namespace;
    private final String version;

    QueryService(String namespace, String version) {
        this.namespace = namespace;
        this.version = version;
    }

    String namespace() {
        return namespace;
    }

    @Override
    public String operation(AwsRequest request) {
        String action = request.params().get("Action");
        return action != null && supports(action) ? action : null;
    }

    abstract boolean supports(String action);

    /** {@code <XResponse><XResult>...result...</XResult><ResponseMetadata/></XResponse>}. */
    AwsResponse result(String action, AwsRequest request, Consumer<Xml> body) {
        Xml x = new Xml().openNs(action + "Response", namespace).open(action + "Result");
        body.accept(x);
        x.close(action + "Result").open("ResponseMetadata").leaf("RequestId", request.requestId()).close("ResponseMetadata")
                .close(action + "Response");
        return AwsResponse.xml(200, x.toString());
    }

    /** An answer without a result element, as IAM writes AttachRolePolicy and PutRolePolicy. */
    AwsResponse empty(String action, AwsRequest request) {
        Xml x = new Xml().openNs(action + "Response", namespace).open("ResponseMetadata").leaf("RequestId", request.requestId())
                .close("ResponseMetadata").close(action + "Response");
        return AwsResponse.xml(200, x.toString());
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        Xml x = new Xml().openNs("ErrorResponse", namespace).open("Error")
                .leaf("Type", status >= 500 ? "Receiver" : "Sender").leaf("Code", code).leaf("Message", message)
                .close("Error").leaf("RequestId", request.requestId()).close("ErrorResponse");
        return AwsResponse.xml(status, x.toString());
    }

    @Override
    public AwsResponse unknownOperation(AwsRequest request) {
        String action = request.params().get("Action");
        if (action == null) {
            return error(request, 400, "MissingAction", "Missing Action");
        }
        return error(request, 400, "InvalidAction", "Could not find operation " + action + " for version " + version);
    }

    @Override
    public AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn) {
        return switch (fault) {
            case ACCESS_DENIED -> error(request, 403, "AccessDenied",
                    "User: " + callerArn + " is not authorized to perform: " + signingName() + ":" + operation
                            + " because no identity-based policy allows the " + signingName() + ":" + operation + " action");
            case THROTTLING -> FaultAnswer.throttling(400, "Throttling").answer(this, request);
            case INTERNAL_ERROR -> FaultAnswer.internal(internalErrorCode()).answer(this, request);
            case SERVICE_UNAVAILABLE -> FaultAnswer.common(fault).answer(this, request);
        };
    }

    /** The code of an HTTP 500: IAM's API reference names ServiceFailure; STS has the Common Errors' InternalFailure. */
    String internalErrorCode() {
        return "iam".equals(signingName()) ? "ServiceFailure" : "InternalFailure";
    }
}
