package dev.hybridpane.lab.kube;

import dev.hybridpane.lab.aws.SigV4Verifier;
import java.util.List;
import java.util.Optional;

/**
 * What an API server needs to authenticate an EKS token, from the account's side: the keys IAM and STS know (for
 * {@link EksTokenVerifier}'s signature check), who an access key belongs to, the cluster's authentication mode, and
 * what its access entries make of a principal. The lab's AWS emulator implements it ({@code lab/aws/LabEksIdentities});
 * nothing here knows that state. The aws-auth ConfigMap lives in the cluster itself and is read by the API server.
 */
public interface EksIdentityLookup {

    /** The access keys the account issued (secret and session token), for the presigned URL's signature. */
    SigV4Verifier.Credentials keys();

    /** The IAM principal ARN (user, or assumed role session) that owns the access key; empty when no principal does. */
    Optional<String> principalArn(String accessKeyId);

    /** The cluster's access config authenticationMode: API, API_AND_CONFIG_MAP or CONFIG_MAP; empty for no cluster. */
    Optional<String> authenticationMode(String region, String clusterName);

    /**
     * The Kubernetes identity the cluster's access entries give {@code principalArn} (an IAM user or role ARN, or an
     * STS assumed-role ARN); empty when no access entry matches it. Not consulted in CONFIG_MAP mode.
     */
    Optional<KubernetesUser> kubernetesUser(String region, String clusterName, String principalArn);

    /**
     * A Kubernetes identity: the user name and groups RBAC sees, and the EKS access policies associated with its access
     * entry (their names, e.g. AmazonEKSClusterAdminPolicy, each at cluster scope; empty for aws-auth identities).
     */
    record KubernetesUser(String username, List<String> groups, List<String> accessPolicies) {
        public KubernetesUser {
            groups = List.copyOf(groups);
            accessPolicies = List.copyOf(accessPolicies);
        }

        public KubernetesUser(String username, List<String> groups) {
            this(username, groups, List.of());
        }
    }
}
