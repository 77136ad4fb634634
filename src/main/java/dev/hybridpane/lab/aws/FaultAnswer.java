package dev.hybridpane.lab.aws;

/**
 * How a service spells a transient {@link Fault}: HTTP status, error code and message. {@link #common} is AWS's
 * "Common Errors" (ThrottlingException 400, InternalFailure 500, ServiceUnavailable 503), which every JSON and query
 * API reference lists; services whose own model names other codes override them.
 */
record FaultAnswer(int status, String code, String message) {

    static FaultAnswer common(Fault fault) {
        return switch (fault) {
            case THROTTLING -> throttling(400, "ThrottlingException");
            case INTERNAL_ERROR -> internal("InternalFailure");
            case SERVICE_UNAVAILABLE -> unavailable("ServiceUnavailable");
            case ACCESS_DENIED -> throw new IllegalArgumentException("access denied is spelled by each service");
        };
    }

    static FaultAnswer throttling(int status, String code) {
        return new FaultAnswer(status, code, "Rate exceeded");
    }

    static FaultAnswer internal(String code) {
        return new FaultAnswer(500, code, "The request processing has failed because of an unknown error, exception or failure.");
    }

    static FaultAnswer unavailable(String code) {
        return new FaultAnswer(503, code, "The request has failed due to a temporary failure of the server.");
    }

    AwsResponse answer(AwsService service, AwsRequest request) {
        return service.error(request, status, code, message);
    }
}
