package dev.hybridpane.lab;

import dev.hybridpane.lab.aws.LabNodeadmAws;
import dev.hybridpane.lab.edge.NodeadmBackend;
import dev.hybridpane.lab.kube.LabKubelets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lab hosts' way out to AWS and the clusters, over the running lab: the AWS emulator's state
 * ({@link LabNodeadmAws}: DescribeCluster, access entries, SSM registrations, Roles Anywhere sessions) and the clusters'
 * API servers ({@link LabKubelets}: Nodes, their heartbeats and Leases, the aws-auth ConfigMap). Obtain it with
 * {@link Lab#nodeadmBackend()}.
 */
public final class LabNodeadmBackend implements NodeadmBackend {
    private final LabNodeadmAws aws;
    private final LabKubelets kubelets;

    LabNodeadmBackend(LabNodeadmAws aws, LabKubelets kubelets) {
        this.aws = aws;
        this.kubelets = kubelets;
    }

    /** The kubelets, for their timings (heartbeat and node monitor grace periods). */
    public LabKubelets kubelets() {
        return kubelets;
    }

    /**
     * DescribeCluster as EKS answers it now; the hybrid principals are the HYBRID_LINUX access entries and, where the
     * authentication mode reads the ConfigMap (API_AND_CONFIG_MAP, CONFIG_MAP), the roles aws-auth maps to system:nodes.
     */
    @Override
    public Optional<ClusterView> cluster(String region, String name) {
        Optional<ClusterView> view = aws.cluster(region, name);
        String mode = aws.authenticationMode(region, name).orElse("API");
        if (view.isEmpty() || "API".equals(mode)) {
            return view;
        }
        ClusterView v = view.get();
        List<String> principals = new ArrayList<>(v.hybridLinuxPrincipals());
        try {
            kubelets.awsAuthNodeRoles(region, name).stream().filter(r -> !principals.contains(r)).forEach(principals::add);
        } catch (IllegalArgumentException e) {
            // the account has the cluster but the lab serves no API for it: no ConfigMap to read
        }
        return Optional.of(new ClusterView(v.name(), v.region(), v.arn(), v.status(), v.kubernetesVersion(), v.endpoint(),
                v.certificateAuthority(), v.remoteNetworkConfig(), v.remoteNodeNetworks(), v.remotePodNetworks(),
                List.copyOf(principals)));
    }

    @Override
    public SsmRegistration registerSsm(String region, String activationId, String activationCode, String hostname, String ip)
            throws NodeadmBackendException {
        return aws.registerSsm(region, activationId, activationCode, hostname, ip);
    }

    @Override
    public void deregisterSsm(String region, String instanceId) {
        aws.deregisterSsm(region, instanceId);
    }

    @Override
    public String rolesAnywhereSession(String region, String trustAnchorArn, String profileArn, String roleArn,
            String roleSessionName, String certificatePem) throws NodeadmBackendException {
        return aws.rolesAnywhereSession(region, trustAnchorArn, profileArn, roleArn, roleSessionName, certificatePem);
    }

    /**
     * The Node registers (or is taken over) and heartbeats begin; for an SSM node the agent's next ping reports the
     * host's platform to Systems Manager.
     */
    @Override
    public void kubeletStarted(KubeletJoin join) throws NodeadmBackendException {
        try {
            kubelets.started(join);
        } catch (IllegalArgumentException e) {
            throw new NodeadmBackendException("failed to register node \"" + join.nodeName() + "\" with API server: cluster "
                    + join.cluster() + " in " + join.region() + " is not reachable");
        }
        if ("ssm".equals(join.credentialProvider())) {
            aws.reportPlatform(join.nodeName(), join.osImage());
        }
    }

    @Override
    public void kubeletStopped(String region, String cluster, String nodeName) {
        kubelets.stopped(region, cluster, nodeName);
    }

    @Override
    public List<PodOnNode> podsOnNode(String region, String cluster, String nodeName) {
        return kubelets.podsOnNode(region, cluster, nodeName);
    }

    @Override
    public Optional<Boolean> nodeUnschedulable(String region, String cluster, String nodeName) {
        return kubelets.nodeUnschedulable(region, cluster, nodeName);
    }

    @Override
    public boolean nodeExists(String region, String cluster, String nodeName) {
        return kubelets.nodeExists(region, cluster, nodeName);
    }
}
