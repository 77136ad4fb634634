package dev.hybridpane.core.hybrid;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.domain.ComputeType;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes side of importing and enabling hybrid mode: HybridPane's manifest, the CNI's affinity and
 * the aws-auth ConfigMap. Blocking; failures are {@link IllegalStateException}s with a sentence.
 */
public interface ClusterAdminPort {

    /** Kind/name of each object in the multi-document YAML, e.g. "CustomResourceDefinition/sites.hybridpane.dev". */
    List<String> objectNames(String manifestYaml);

    FootprintStatus footprint(ClusterAccess access, String manifestYaml);

    /** Creates what is missing and updates what differs; returns what it created or changed. */
    List<String> apply(ClusterAccess access, String manifestYaml);

    /** Node counts by compute type. */
    Map<ComputeType, Integer> nodeCounts(ClusterAccess access);

    CniStatus cni(ClusterAccess access);

    /** Adds the hybrid nodeAffinity to the Cilium DaemonSet and operator (JSON patch); no-op when present. */
    void patchCiliumAffinity(ClusterAccess access);

    /** True when aws-auth mapRoles already maps the role. */
    boolean awsAuthMapsRole(ClusterAccess access, String roleArn);

    /** Adds the role to aws-auth mapRoles (system:bootstrappers, system:nodes; system:node:{{SessionName}}). */
    void addAwsAuthMapRole(ClusterAccess access, String roleArn);
}
