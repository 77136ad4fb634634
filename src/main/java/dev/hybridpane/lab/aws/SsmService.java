package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AWS Systems Manager on JSON 1.1 ({@code X-Amz-Target: AmazonSSM.<Operation>}). Routing and the error
 * shape are in place; no operation is implemented yet, so every call answers UnknownOperationException.
 */
final class SsmService implements AwsService {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AmazonSSM.";

    private final Json json;

    SsmService(Json json) {
        this.json = json;
    }

    @Override
    public String signingName() {
        return "ssm";
    }

    @Override
    public String operation(AwsRequest request) {
        String t = target(request);
        return t.isEmpty() ? null : t;
    }

    /** The operation named by X-Amz-Target, implemented or not (used in messages). */
    static String target(AwsRequest request) {
        String t = request.header("x-amz-target").orElse("");
        return t.startsWith(TARGET_PREFIX) ? t.substring(TARGET_PREFIX.length()) : t;
    }

    @Override
    public AwsResponse handle(String operation, AwsRequest request) {
        return unknownOperation(request);
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        ObjectNode body = json.object().put("__type", code).put("message", message);
        return AwsResponse.json(status, CONTENT_TYPE, json.write(body));
    }

    @Override
    public AwsResponse unknownOperation(AwsRequest request) {
        return error(request, 400, "UnknownOperationException",
                "The lab does not implement ssm:" + target(request));
    }

    @Override
    public AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn) {
        return switch (fault) {
            case ACCESS_DENIED -> error(request, 400, "AccessDeniedException",
                    "User: " + callerArn + " is not authorized to perform: ssm:" + operation + " on resource: *");
            case THROTTLING -> error(request, 400, "ThrottlingException", "Rate exceeded");
        };
    }
}
