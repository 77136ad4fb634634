package dev.hybridpane.lab.edge;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulated host's nodeadm reaches beyond the host, as the real one does over the network: EKS (DescribeCluster
 * when it enriches the NodeConfig, the cluster's access entries), SSM (the agent's registration with a hybrid
 * activation), IAM Roles Anywhere (CreateSession with the host's certificate) and the cluster's API (the kubelet
 * registers its Node and sends heartbeats). The lab wires it to its AWS emulator and Kubernetes API servers; the edge
 * hosts never reach them any other way. Failures are {@link NodeadmBackendException}s whose message is the error as
 * nodeadm (or the agent) would print it.
 */
public interface NodeadmBackend {

    /** What eks:DescribeCluster and the cluster's access entries say about a cluster; empty: no such cluster. */
    Optional<ClusterView> cluster(String region, String name);

    /**
     * @param status ACTIVE, CREATING, UPDATING…
     * @param remoteNodeNetworks the remoteNetworkConfig's node CIDRs (empty when hybrid nodes are not enabled)
     * @param hybridLinuxPrincipals the principal ARNs of the access entries of type HYBRID_LINUX (and, for a cluster
     *                              in CONFIG_MAP mode, the roles aws-auth maps to system:nodes)
     */
    record ClusterView(String name, String region, String arn, String status, String kubernetesVersion,
                       String endpoint, String certificateAuthority, boolean remoteNetworkConfig,
                       List<String> remoteNodeNetworks, List<String> remotePodNetworks,
                       List<String> hybridLinuxPrincipals) {
    }

    /** A managed instance the agent registered as: its id ({@code mi-} + 17 hex) and the activation's IAM role. */
    record SsmRegistration(String instanceId, String region, String iamRole) {
    }

    /**
     * amazon-ssm-agent -register: uses one registration of the activation (refused when it does not exist, the code
     * does not match, it expired or it is at its registration limit), and records the host as a managed instance
     * (online, with its hostname and IP, tagged with the activation's tags).
     */
    SsmRegistration registerSsm(String region, String activationId, String activationCode, String hostname, String ip)
            throws NodeadmBackendException;

    /** The agent's instance is deregistered (nodeadm uninstall; DeregisterManagedInstance). Unknown: nothing. */
    void deregisterSsm(String region, String instanceId);

    /**
     * IAM Roles Anywhere CreateSession with the host's certificate (PEM), as aws_signing_helper calls it for nodeadm
     * ({@code --role-session-name} = the NodeConfig's nodeName): refused unless the trust anchor and profile exist and are
     * enabled, the certificate is signed by the trust anchor's CA and valid now, the profile may assume the role, and the
     * role's trust policy conditions hold (the EKS guide's binds the session name to the certificate's CN). Returns the
     * role ARN the credentials are for.
     */
    String rolesAnywhereSession(String region, String trustAnchorArn, String profileArn, String roleArn,
            String roleSessionName, String certificatePem) throws NodeadmBackendException;

    /**
     * The kubelet started: its Node is registered (or updated) in the cluster's API with these labels, taints,
     * providerID ({@code eks-hybrid:///region/cluster/nodeName}) and kubelet version, and heartbeats begin. The Node is
     * Ready only while the cluster runs a CNI DaemonSet whose affinity lets it run on hybrid nodes.
     *
     * @param taints {@code key=value:Effect} or {@code key:Effect}
     */
    void kubeletStarted(KubeletJoin join) throws NodeadmBackendException;

    record KubeletJoin(String region, String cluster, String nodeName, String ip, String kubeletVersion,
                       String credentialProvider, String architecture, String osImage, String kernelVersion,
                       Map<String, String> labels, List<String> taints) {
    }

    /** The kubelet stopped (uninstall, upgrade): heartbeats stop; the Node object stays, as it does in a real cluster. */
    void kubeletStopped(String region, String cluster, String nodeName);

    /** Whether the cluster still has a Node of this name (nodeadm upgrade's init-validation). */
    boolean nodeExists(String region, String cluster, String nodeName);

    /**
     * The pods bound to a node (a list with fieldSelector {@code spec.nodeName=NODE}, as nodeadm's pod validation makes
     * it): the kind of each one's controller ("" when none) and whether it is a mirror pod (a static pod's).
     */
    default List<PodOnNode> podsOnNode(String region, String cluster, String nodeName) {
        return List.of();
    }

    record PodOnNode(String namespace, String name, String controllerKind, boolean mirror) {
    }

    /** The Node's spec.unschedulable; empty when the Node does not exist (nodeadm counts NotFound as drained). */
    default Optional<Boolean> nodeUnschedulable(String region, String cluster, String nodeName) {
        return Optional.empty();
    }

    /** A refusal from AWS or the cluster, in the words nodeadm (or the agent) logs it. */
    final class NodeadmBackendException extends Exception {
        public NodeadmBackendException(String message) {
            super(message);
        }
    }
}
