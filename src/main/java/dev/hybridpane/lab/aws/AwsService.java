package dev.hybridpane.lab.aws;

/**
 * One emulated AWS service, routed by the signing name in the request's SigV4 credential scope.
 * Implementations speak their service's wire protocol, including its error shape.
 */
interface AwsService {

    /** The SigV4 signing name, e.g. "eks". Also the prefix of operation names ("eks:DescribeCluster"). */
    String signingName();

    /** The operation a request calls (without the service prefix), or null when it is not recognised. */
    String operation(AwsRequest request);

    /** Answers a recognised operation. May return an error response in the service's shape. */
    AwsResponse handle(String operation, AwsRequest request);

    /** An error in this service's wire shape. */
    AwsResponse error(AwsRequest request, int status, String code, String message);

    /** The answer to an unrecognised operation (InvalidAction, UnknownOperationException...). */
    AwsResponse unknownOperation(AwsRequest request);

    /** The answer to an injected fault, spelled as this service spells it. */
    AwsResponse fault(Fault fault, String operation, AwsRequest request, String callerArn);
}
