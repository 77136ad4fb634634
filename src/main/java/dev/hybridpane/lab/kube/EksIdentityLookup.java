package dev.hybridpane.lab.kube;

import java.util.List;
import java.util.Optional;

/**
 * What an API server needs after {@link EksTokenVerifier} has authenticated an access key: who the key belongs to,
 * and what that principal is in this cluster (its access entries, or aws-auth where the authentication mode allows
 * it). The lab's AWS state implements it when the verifier is wired in; nothing here knows that state.
 */
public interface EksIdentityLookup {

    /** The IAM principal ARN (user or role) that owns the access key; empty when no principal does. */
    Optional<String> principalArn(String accessKeyId);

    /** The Kubernetes user that the cluster maps the principal to; empty when it has no access (403). */
    Optional<KubernetesUser> kubernetesUser(String clusterName, String principalArn);

    /** A Kubernetes identity: the user name and groups RBAC sees. */
    record KubernetesUser(String username, List<String> groups) {
        public KubernetesUser {
            groups = List.copyOf(groups);
        }
    }
}
