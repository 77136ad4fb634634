package dev.hybridpane.core;

import java.util.function.Supplier;

/** How to reach a cluster's Kubernetes API. */
public sealed interface ClusterAccess {
    /** The console's own EKS token, made from the AWS profile; endpoint and CA from DescribeCluster. */
    record EksTokenAccess(String endpoint, String certificateAuthorityBase64, Supplier<EksToken> tokens) implements ClusterAccess {
        @Override
        public String toString() {
            return "EksTokenAccess[" + endpoint + "]";
        }
    }

    /** A context from the user's kubeconfig. */
    record KubeconfigContext(String context) implements ClusterAccess {
    }
}
