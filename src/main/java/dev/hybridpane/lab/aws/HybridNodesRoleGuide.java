package dev.hybridpane.lab.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hybrid Nodes IAM role as the EKS user guide ("Prepare credentials for hybrid nodes", the aws CLI steps) writes
 * it, for the lab's seeded roles: the guide's policy documents with the guide's own placeholders (AWS_ACCOUNT_ID,
 * AWS_REGION, TAG_KEY, TAG_VALUE, TRUST_ANCHOR_ARN), filled in for one cluster. The guide creates
 * EKSDescribeClusterPolicy and EKSHybridSSMPolicy as customer managed policies; the lab's account holds their
 * documents as the role's inline policies of the same names. Written from the guide, not from the console's own
 * policy code, so that a mistake there is not repeated here.
 */
final class HybridNodesRoleGuide {
    static final String DESCRIBE_CLUSTER_POLICY_NAME = "EKSDescribeClusterPolicy";
    static final String SSM_POLICY_NAME = "EKSHybridSSMPolicy";
    /** The guide's default tag key for the SSM hybrid activation (its value is the cluster ARN). */
    static final String SSM_TAG_KEY = "EKSClusterARN";

    static final String DESCRIBE_CLUSTER_POLICY = """
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "eks:DescribeCluster"
                        ],
                        "Resource": "*"
                    }
                ]
            }""";

    static final String SSM_POLICY = """
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
                        "Resource": "arn:aws:ssm:AWS_REGION:AWS_ACCOUNT_ID:managed-instance/*",
                        "Condition": {
                            "StringEquals": {
                                "ssm:resourceTag/TAG_KEY": "TAG_VALUE"
                            }
                        }
                    }
                ]
            }""";

    static final String SSM_TRUST = """
            {
               "Version":"2012-10-17",
               "Statement":[
                  {
                     "Sid":"",
                     "Effect":"Allow",
                     "Principal":{
                        "Service":"ssm.amazonaws.com"
                     },
                     "Action":"sts:AssumeRole",
                     "Condition":{
                        "StringEquals":{
                           "aws:SourceAccount":"AWS_ACCOUNT_ID"
                        },
                        "ArnEquals":{
                           "aws:SourceArn":"arn:aws:ssm:AWS_REGION:AWS_ACCOUNT_ID:*"
                        }
                     }
                  }
               ]
            }""";

    static final String IAM_RA_TRUST = """
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {
                            "Service": "rolesanywhere.amazonaws.com"
                        },
                        "Action": [
                            "sts:TagSession",
                            "sts:SetSourceIdentity"
                        ],
                        "Condition": {
                            "ArnEquals": {
                                "aws:SourceArn": "TRUST_ANCHOR_ARN"
                            }
                        }
                    },
                    {
                        "Effect": "Allow",
                        "Principal": {
                            "Service": "rolesanywhere.amazonaws.com"
                        },
                        "Action": "sts:AssumeRole",
                        "Condition": {
                            "StringEquals": {
                                "sts:RoleSessionName": "${aws:PrincipalTag/x509Subject/CN}"
                            },
                            "ArnEquals": {
                                "aws:SourceArn": "TRUST_ANCHOR_ARN"
                            }
                        }
                    }
                ]
            }""";

    private HybridNodesRoleGuide() {
    }

    /** One role's documents: its trust policy, the AWS managed policies to attach and its inline policies by name. */
    record Role(String trustPolicy, List<String> managedPolicies, Map<String, String> inlinePolicies) {
        Role {
            managedPolicies = List.copyOf(managedPolicies);
            inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
        }
    }

    /** The role for SSM hybrid activations of the cluster {@code clusterArn} (the guide's tag: EKSClusterARN). */
    static Role ssm(String region, String accountId, String clusterArn) {
        Map<String, String> inline = new LinkedHashMap<>();
        inline.put(DESCRIBE_CLUSTER_POLICY_NAME, DESCRIBE_CLUSTER_POLICY);
        inline.put(SSM_POLICY_NAME, SSM_POLICY.replace("AWS_REGION", region).replace("AWS_ACCOUNT_ID", accountId)
                .replace("TAG_KEY", SSM_TAG_KEY).replace("TAG_VALUE", clusterArn));
        return new Role(SSM_TRUST.replace("AWS_REGION", region).replace("AWS_ACCOUNT_ID", accountId),
                List.of(ManagedPolicies.ECR_PULL_ONLY, ManagedPolicies.SSM_MANAGED_INSTANCE_CORE), inline);
    }

    /** The role for IAM Roles Anywhere with the trust anchor {@code trustAnchorArn}. */
    static Role iamRolesAnywhere(String trustAnchorArn) {
        return new Role(IAM_RA_TRUST.replace("TRUST_ANCHOR_ARN", trustAnchorArn), List.of(ManagedPolicies.ECR_PULL_ONLY),
                Map.of(DESCRIBE_CLUSTER_POLICY_NAME, DESCRIBE_CLUSTER_POLICY));
    }
}
