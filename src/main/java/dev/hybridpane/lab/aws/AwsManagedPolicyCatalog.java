package dev.hybridpane.lab.aws;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What IAM's ListPolicies says about the AWS managed policies the lab knows ({@link ManagedPolicies}): path, default
 * version and dates as the AWS Managed Policy Reference lists them (docs.aws.amazon.com/aws-managed-policy/latest/
 * reference/NAME.html, "Policy details" and "Policy version"). Policy ids are the lab's own (ANPA and 17 characters).
 */
final class AwsManagedPolicyCatalog {

    record Policy(String arn, String defaultVersionId, Instant created, Instant updated) {
        String name() {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }

        String path() {
            String resource = arn.substring(arn.indexOf(":policy") + ":policy".length());
            return resource.substring(0, resource.lastIndexOf('/') + 1);
        }

        String id() {
            return "ANPA" + UUID.nameUUIDFromBytes(arn.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "")
                    .substring(0, 17).toUpperCase(Locale.ROOT);
        }
    }

    /** In the order IAM lists them: by name. */
    static final List<Policy> ALL = List.of(
            new Policy(ManagedPolicies.ECR_PULL_ONLY, "v1", Instant.parse("2024-10-04T16:58:00Z"),
                    Instant.parse("2024-10-04T16:58:00Z")),
            new Policy(ManagedPolicies.EKS_CNI, "v5", Instant.parse("2018-05-27T21:07:00Z"),
                    Instant.parse("2024-03-04T20:20:00Z")),
            new Policy(ManagedPolicies.EKS_WORKER_NODE, "v3", Instant.parse("2018-05-27T21:09:00Z"),
                    Instant.parse("2023-11-27T00:06:00Z")),
            new Policy(ManagedPolicies.SSM_MANAGED_INSTANCE_CORE, "v2", Instant.parse("2019-03-15T17:22:00Z"),
                    Instant.parse("2019-05-23T16:54:00Z")));

    private AwsManagedPolicyCatalog() {
    }
}
