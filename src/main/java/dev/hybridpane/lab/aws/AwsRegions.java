package dev.hybridpane.lab.aws;

import java.util.Set;

/**
 * The AWS Regions a request's credential scope may name, as listed in the AWS General Reference ("AWS Regions and
 * endpoints": the commercial partition, AWS GovCloud (US) and the China Regions). The lab has one endpoint for every
 * Region, so the scope's Region is where a call goes; a scope naming no Region of AWS's is refused as an AWS endpoint
 * refuses a scope for another Region: SignatureDoesNotMatch, "Credential should be scoped to a valid region."
 */
final class AwsRegions {
    private static final Set<String> ALL = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
            "ap-southeast-7",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2",
            "eu-north-1",
            "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1",
            "us-gov-east-1", "us-gov-west-1",
            "cn-north-1", "cn-northwest-1");

    /** The AWS SDK's pseudo-Region of global services' endpoints (IAM, STS), see {@code AwsEmulator}. */
    static final String AWS_GLOBAL = "aws-global";

    private AwsRegions() {
    }

    static boolean known(String region) {
        return region != null && ALL.contains(region);
    }
}
