package dev.hybridpane.domain.hybrid;

import dev.hybridpane.domain.Arns;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hybrid Nodes IAM role, exactly as the EKS user guide gives it: the inline eks:DescribeCluster policy,
 * the managed ECR pull policy, for SSM also AmazonSSMManagedInstanceCore and the SSM inline statements, and
 * the trust policy of the chosen provider. All documents are JSON strings in the order AWS shows them, every ARN in
 * the caller's partition ({@link Arns}: aws, aws-cn, aws-us-gov).
 */
public final class HybridNodesIam {
    public static final String DEFAULT_ROLE_NAME = "AmazonEKSHybridNodesRole";
    /** The AWS managed policies' names; their ARNs are in the caller's partition ({@link #managedPolicies}). */
    public static final String ECR_PULL_ONLY = "AmazonEC2ContainerRegistryPullOnly";
    public static final String SSM_CORE = "AmazonSSMManagedInstanceCore";
    public static final String DESCRIBE_CLUSTER_POLICY = "EKSDescribeClusterPolicy";
    public static final String SSM_POLICY = "EKSHybridSSMPolicy";
    /** The MaxSessionDuration HybridPane gives the role it creates (12 h, the IAM maximum). */
    public static final int ROLE_MAX_SESSION_SECONDS = 43200;

    private HybridNodesIam() {
    }

    /** A named inline policy. */
    public record InlinePolicy(String name, String document) {
    }

    /** The managed policies' ARNs in {@code partition}: arn:PARTITION:iam::aws:policy/NAME. */
    public static List<String> managedPolicies(String partition, CredentialProvider p) {
        List<String> names = p == CredentialProvider.SSM ? List.of(ECR_PULL_ONLY, SSM_CORE) : List.of(ECR_PULL_ONLY);
        return names.stream().map(n -> Arns.managedPolicy(partition, n)).toList();
    }

    /** The inline policies; the SSM one's managed-instance ARN is in the cluster ARN's partition. */
    public static List<InlinePolicy> inlinePolicies(CredentialProvider p, String region, String accountId, String clusterArn) {
        List<InlinePolicy> out = new ArrayList<>();
        out.add(new InlinePolicy(DESCRIBE_CLUSTER_POLICY, """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": ["eks:DescribeCluster"],
                      "Resource": "*"
                    }
                  ]
                }
                """.strip()));
        if (p == CredentialProvider.SSM) {
            out.add(new InlinePolicy(SSM_POLICY, """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Action": "ssm:DescribeInstanceInformation",
                          "Resource": "*"
                        },
                        {
                          "Effect": "Allow",
                          "Action": "ssm:DeregisterManagedInstance",
                          "Resource": "%s",
                          "Condition": {
                            "StringEquals": {
                              "ssm:resourceTag/EKSClusterARN": "%s"
                            }
                          }
                        }
                      ]
                    }
                    """.formatted(Arns.of(Arns.partition(region, clusterArn), "ssm", region, accountId, "managed-instance/*"),
                    clusterArn).strip()));
        }
        return List.copyOf(out);
    }

    /**
     * The trust policy. SSM: ssm.amazonaws.com with aws:SourceAccount and aws:SourceArn. Roles Anywhere:
     * rolesanywhere.amazonaws.com; TagSession and SetSourceIdentity limited to the trust anchor, AssumeRole
     * with the session name bound to the certificate's CN.
     */
    public static String trustPolicy(String partition, CredentialProvider p, String region, String accountId,
            String trustAnchorArn) {
        if (p == CredentialProvider.SSM) {
            return """
                    {
                      "Version": "2012-10-17",
                      "Statement": [
                        {
                          "Effect": "Allow",
                          "Principal": {"Service": "ssm.amazonaws.com"},
                          "Action": "sts:AssumeRole",
                          "Condition": {
                            "StringEquals": {"aws:SourceAccount": "%s"},
                            "ArnEquals": {"aws:SourceArn": "%s"}
                          }
                        }
                      ]
                    }
                    """.formatted(accountId, Arns.of(partition, "ssm", region, accountId, "*")).strip();
        }
        String anchor = trustAnchorArn == null || trustAnchorArn.isBlank() ? "<trust anchor ARN>" : trustAnchorArn;
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": {"Service": "rolesanywhere.amazonaws.com"},
                      "Action": ["sts:TagSession", "sts:SetSourceIdentity"],
                      "Condition": {
                        "ArnEquals": {"aws:SourceArn": "%s"}
                      }
                    },
                    {
                      "Effect": "Allow",
                      "Principal": {"Service": "rolesanywhere.amazonaws.com"},
                      "Action": "sts:AssumeRole",
                      "Condition": {
                        "StringEquals": {"sts:RoleSessionName": "${aws:PrincipalTag/x509Subject/CN}"},
                        "ArnEquals": {"aws:SourceArn": "%s"}
                      }
                    }
                  ]
                }
                """.formatted(anchor, anchor).strip();
    }

    /** A Roles Anywhere session duration problem, or null: at most 12 h and below the role's maximum. */
    public static String sessionDurationProblem(int seconds, int roleMaxSessionSeconds) {
        if (seconds < 900) {
            return "The session must last at least 900 seconds (15 minutes).";
        }
        if (seconds > 43200) {
            return "Roles Anywhere sessions last at most 12 hours (43200 seconds).";
        }
        if (seconds > roleMaxSessionSeconds) {
            return "The session (" + seconds + " s) must not exceed the role's maximum session duration ("
                    + roleMaxSessionSeconds + " s).";
        }
        return null;
    }
}
