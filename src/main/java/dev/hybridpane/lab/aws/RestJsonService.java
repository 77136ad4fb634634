package dev.hybridpane.lab.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Base for REST-JSON services (EKS, IAM Roles Anywhere): errors are {@code {"message": ...}} with the
 * code in the {@code x-amzn-ErrorType} header.
 */
abstract class RestJsonService implements AwsService {
    final Json json;

    RestJsonService(Json json) {
        this.json = json;
    }

    AwsResponse ok(ObjectNode body) {
        return AwsResponse.json(200, "application/json", json.write(body));
    }

    @Override
    public AwsResponse error(AwsRequest request, int status, String code, String message) {
        ObjectNode body = json.object().put("message", message);
        return AwsResponse.json(status, "application/json", json.write(body)).withHeader("x-amzn-ErrorType", code);
    }

    @Override
    public AwsResponse unknownOperation(AwsRequest request) {
        return error(request, 400, "UnknownOperationException",
                "The lab does not implement " + request.method() + " " + request.rawPath() + " for " + signingName());
    }

    @Override
    public AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn) {
        return switch (fault) {
            case ACCESS_DENIED -> error(request, 403, "AccessDeniedException",
                    "User: " + callerArn + " is not authorized to perform: " + signingName() + ":" + operation
                            + " on resource: " + resourceArn(request));
            case THROTTLING, INTERNAL_ERROR, SERVICE_UNAVAILABLE -> transientAnswer(fault).answer(this, request);
        };
    }

    /** How this service spells throttling and 5xx: AWS's Common Errors unless its own model says otherwise. */
    FaultAnswer transientAnswer(Fault fault) {
        return FaultAnswer.common(fault);
    }

    /** The ARN named in an access-denied message; "*" when the request names no resource. */
    String resourceArn(AwsRequest request) {
        return "*";
    }
}
