package dev.hybridpane.lab.kube;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.world.LabIds;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import dev.hybridpane.lab.world.LabWorld.LabSubnet;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds the Node objects (as JSON trees: no typed model to introspect while the lab starts) a cluster of the lab world would have: EC2 nodes and hybrid nodes per site and pool. */
final class LabNodeFactory {
    /** The ClusterProfile a hybrid node's pool was made from (its name), and its version number (as text). */
    static final String PROFILE_LABEL = "hybridpane.dev/profile";
    static final String PROFILE_VERSION_LABEL = "hybridpane.dev/profile-version";
    static final String[] INSTANCE_TYPES = {"m6i.large", "m6i.xlarge", "c6i.large"};

    private final LabCluster cluster;
    private final Instant created;

    LabNodeFactory(LabCluster cluster, Instant created) {
        this.cluster = cluster;
        this.created = created;
    }


    static String ec2InstanceId(long seed) {
        return LabIds.managedInstanceId(seed).replace("mi-", "i-");
    }

    List<ObjectNode> cloudNodes() {
        List<ObjectNode> out = new ArrayList<>();
        List<LabSubnet> subnets = cluster.vpc().subnets();
        for (int i = 0; i < cluster.cloudNodes(); i++) {
            LabSubnet subnet = subnets.get(i % subnets.size());
            Cidr cidr = Cidr.parse(subnet.cidr());
            String ip = Cidr.format(cidr.first() + 3L * 256 + 17 + 23L * i);
            String name = "ip-" + ip.replace('.', '-') + "." + cluster.region() + ".compute.internal";
            String instanceType = INSTANCE_TYPES[i % INSTANCE_TYPES.length];
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(NodeLabels.ARCH, "amd64");
            labels.put("kubernetes.io/os", "linux");
            labels.put(NodeLabels.HOSTNAME, name);
            labels.put("beta.kubernetes.io/arch", "amd64");
            labels.put("beta.kubernetes.io/os", "linux");
            labels.put("topology.kubernetes.io/region", cluster.region());
            labels.put("topology.kubernetes.io/zone", subnet.availabilityZone());
            labels.put("node.kubernetes.io/instance-type", instanceType);
            labels.put("eks.amazonaws.com/nodegroup", cluster.name() + "-default");
            labels.put("eks.amazonaws.com/capacityType", "ON_DEMAND");
            String providerId = "aws:///" + subnet.availabilityZone() + "/" + ec2InstanceId((cluster.name() + "#" + i).hashCode());
            out.add(node(name, labels, providerId, ip, "amd64", "Amazon Linux 2023.6.20250303", "6.1.128-136.201.amzn2023.x86_64",
                    cluster.nodeKubeletVersion(), instanceType.endsWith("xlarge") ? "4" : "2",
                    instanceType.endsWith("xlarge") ? "16131424Ki" : "7910360Ki", "29"));
        }
        return out;
    }

    /**
     * The synthetic hybrid nodes: those of pools on no edge host (a pool on the lab's edge hosts gets its Nodes from their
     * kubelets, when the lab starts).
     */
    List<ObjectNode> hybridNodes() {
        List<ObjectNode> out = new ArrayList<>();
        for (LabSite site : cluster.sites()) {
            Cidr cidr = Cidr.parse(site.nodeCidr());
            int indexInSite = 0;
            for (LabPool pool : site.pools()) {
                for (int i = 1; i <= pool.nodes(); i++, indexInSite++) {
                    if (!pool.hosted()) {
                        out.add(hybridNode(site, pool, i, Cidr.format(cidr.first() + 10 + indexInSite)));
                    }
                }
            }
        }
        return out;
    }

    /** The names {@link #hybridNodes()} gives its nodes, in the same order. */
    List<String> hybridNodeNames() {
        List<String> out = new ArrayList<>();
        for (LabSite site : cluster.sites()) {
            for (LabPool pool : site.pools()) {
                for (int i = 1; i <= pool.nodes() && !pool.hosted(); i++) {
                    out.add(hybridNodeName(site, pool, i));
                }
            }
        }
        return out;
    }

    /** The names {@link #hybridNodes()} gives one synthetic pool's nodes, in order (each also the node's hostname). */
    List<String> poolNodeNames(LabSite site, LabPool pool) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= pool.nodes(); i++) {
            out.add(hybridNodeName(site, pool, i));
        }
        return out;
    }

    /** SSM nodes are named by their managed-instance id; Roles Anywhere nodes by the pool and a number. */
    private String hybridNodeName(LabSite site, LabPool pool, int i) {
        return "ssm".equals(pool.credentialProvider())
                ? LabIds.managedInstanceId((cluster.name() + "/" + site.name() + "/" + pool.name() + "/" + i).hashCode())
                : String.format("%s-%02d", pool.name(), i);
    }

    private ObjectNode hybridNode(LabSite site, LabPool pool, int i, String ip) {
        String name = hybridNodeName(site, pool, i);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NodeLabels.ARCH, pool.architecture());
        labels.put("kubernetes.io/os", "linux");
        labels.put(NodeLabels.HOSTNAME, name);
        labels.put("beta.kubernetes.io/arch", pool.architecture());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put(NodeLabels.COMPUTE_TYPE, "hybrid");
        labels.put(NodeLabels.CREDENTIAL_PROVIDER, pool.credentialProvider());
        labels.put(NodeLabels.POOL, pool.name());
        labels.put(NodeLabels.SITE, site.name());
        if (pool.profile() != null) {
            // the profile version the pool's nodes were made from (HybridNodePool's spec.profile {name, version})
            labels.put(PROFILE_LABEL, pool.profile().name());
            labels.put(PROFILE_VERSION_LABEL, Integer.toString(pool.profile().version()));
        }
        String kernel = "arm64".equals(pool.architecture()) ? "6.1.128-136.201.amzn2023.aarch64" : "5.15.0-131-generic";
        String kubelet = pool.kubeletVersion() == null ? cluster.nodeKubeletVersion() : pool.kubeletVersion();
        String providerId = "eks-hybrid:///" + cluster.region() + "/" + cluster.name() + "/" + name;
        return node(name, labels, providerId, ip, pool.architecture(), pool.osImage(), kernel, kubelet, "8", "32781100Ki", "110");
    }

    private ObjectNode node(String name, Map<String, String> labels, String providerId, String ip, String arch, String osImage,
            String kernel, String kubelet, String cpu, String memory, String pods) {
        Instant readySince = created.plusSeconds(47);
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Node");
        ObjectNode metadata = node.putObject("metadata").put("name", name);
        labels.forEach(metadata.putObject("labels")::put);
        metadata.putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0")
                .put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        node.putObject("spec").put("providerID", providerId);
        ObjectNode status = node.putObject("status");
        ArrayNode addresses = status.putArray("addresses");
        addresses.addObject().put("address", ip).put("type", "InternalIP");
        addresses.addObject().put("address", name).put("type", "Hostname");
        ObjectNode capacity = status.putObject("allocatable");
        capacity.put("cpu", cpu).put("ephemeral-storage", "83873772Ki").put("memory", memory).put("pods", pods);
        status.set("capacity", capacity.deepCopy());
        ArrayNode conditions = status.putArray("conditions");
        conditions.add(pressure("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"));
        conditions.add(pressure("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"));
        conditions.add(pressure("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"));
        conditions.add(ready(readySince, readySince));
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        status.putObject("nodeInfo").put("architecture", arch)
                .put("bootID", Integer.toHexString(providerId.hashCode()))
                .put("containerRuntimeVersion", "containerd://1.7.27")
                .put("kernelVersion", kernel).put("kubeProxyVersion", kubelet).put("kubeletVersion", kubelet)
                .put("machineID", Integer.toHexString(name.hashCode()) + "0".repeat(24))
                .put("operatingSystem", "linux").put("osImage", osImage)
                .put("systemUUID", "ec2" + Integer.toHexString(name.hashCode()));
        return node;
    }

    private ObjectNode pressure(String type, String reason, String message) {
        return condition(type, "False", reason, message, created.plusSeconds(30), created.plusSeconds(30));
    }

    /** A node condition as the kubelet posts it. */
    private static ObjectNode condition(String type, String status, String reason, String message, Instant heartbeat,
            Instant transition) {
        return JsonNodeFactory.instance.objectNode().put("lastHeartbeatTime", heartbeat.toString())
                .put("lastTransitionTime", transition.toString()).put("message", message).put("reason", reason)
                .put("status", status).put("type", type);
    }

    static ObjectNode ready(Instant heartbeat, Instant transition) {
        return condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, transition);
    }

    static ObjectNode notReady(Instant heartbeat, Instant transition) {
        return condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", heartbeat, transition);
    }
}
