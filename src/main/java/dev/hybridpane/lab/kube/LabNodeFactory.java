package dev.hybridpane.lab.kube;

import dev.hybridpane.domain.Cidr;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.lab.world.LabWorld.LabCluster;
import dev.hybridpane.lab.world.LabWorld.LabPool;
import dev.hybridpane.lab.world.LabWorld.LabSite;
import dev.hybridpane.lab.world.LabWorld.LabSubnet;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds the Node objects a cluster of the lab world would have: EC2 nodes and hybrid nodes per site and pool. */
final class LabNodeFactory {
    static final String[] INSTANCE_TYPES = {"m6i.large", "m6i.xlarge", "c6i.large"};

    private final LabCluster cluster;
    private final Instant created;

    LabNodeFactory(LabCluster cluster, Instant created) {
        this.cluster = cluster;
        this.created = created;
    }

    /** Deterministic SSM managed-instance id: "mi-" and 17 lower-case hex characters. */
    static String managedInstanceId(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder("mi-0");
        while (sb.length() < 3 + 17) {
            sb.append(Character.forDigit(r.nextInt(16), 16));
        }
        return sb.toString();
    }

    static String ec2InstanceId(long seed) {
        return managedInstanceId(seed).replace("mi-", "i-");
    }

    List<Node> cloudNodes() {
        List<Node> out = new ArrayList<>();
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

    List<Node> hybridNodes() {
        List<Node> out = new ArrayList<>();
        for (LabSite site : cluster.sites()) {
            Cidr cidr = Cidr.parse(site.nodeCidr());
            int indexInSite = 0;
            for (LabPool pool : site.pools()) {
                for (int i = 1; i <= pool.nodes(); i++, indexInSite++) {
                    out.add(hybridNode(site, pool, i, Cidr.format(cidr.first() + 10 + indexInSite)));
                }
            }
        }
        return out;
    }

    private Node hybridNode(LabSite site, LabPool pool, int i, String ip) {
        boolean ssm = "ssm".equals(pool.credentialProvider());
        String name = ssm
                ? managedInstanceId((cluster.name() + "/" + site.name() + "/" + pool.name() + "/" + i).hashCode())
                : String.format("%s-%02d", pool.name(), i);
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
        String kernel = "arm64".equals(pool.architecture()) ? "6.1.128-136.201.amzn2023.aarch64" : "5.15.0-131-generic";
        String kubelet = pool.kubeletVersion() == null ? cluster.nodeKubeletVersion() : pool.kubeletVersion();
        String providerId = "eks-hybrid:///" + cluster.region() + "/" + cluster.name() + "/" + name;
        return node(name, labels, providerId, ip, pool.architecture(), pool.osImage(), kernel, kubelet, "8", "32781100Ki", "110");
    }

    private Node node(String name, Map<String, String> labels, String providerId, String ip, String arch, String osImage,
            String kernel, String kubelet, String cpu, String memory, String pods) {
        Instant readySince = created.plusSeconds(47);
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                "pods", new Quantity(pods), "ephemeral-storage", new Quantity("83873772Ki"));
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels)
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .endMetadata()
                .withNewSpec().withProviderID(providerId).endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withCapacity(capacity).withAllocatable(capacity)
                .withConditions(pressure("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                        pressure("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                        pressure("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                        ready(readySince, readySince))
                .withNewNodeInfo().withArchitecture(arch).withOperatingSystem("linux").withOsImage(osImage)
                .withKernelVersion(kernel).withKubeletVersion(kubelet).withKubeProxyVersion(kubelet)
                .withContainerRuntimeVersion("containerd://1.7.27").withMachineID(Integer.toHexString(name.hashCode()) + "0".repeat(24))
                .withSystemUUID("ec2" + Integer.toHexString(name.hashCode())).withBootID(Integer.toHexString(providerId.hashCode()))
                .endNodeInfo()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus()
                .build();
    }

    private NodeCondition pressure(String type, String reason, String message) {
        String t = created.plusSeconds(30).toString();
        return new NodeConditionBuilder().withType(type).withStatus("False").withReason(reason).withMessage(message)
                .withLastHeartbeatTime(t).withLastTransitionTime(t).build();
    }

    static NodeCondition ready(Instant heartbeat, Instant transition) {
        return new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(heartbeat.toString())
                .withLastTransitionTime(transition.toString()).build();
    }

    static NodeCondition notReady(Instant heartbeat, Instant transition) {
        return new NodeConditionBuilder().withType("Ready").withStatus("Unknown").withReason("NodeStatusUnknown")
                .withMessage("Kubelet stopped posting node status.").withLastHeartbeatTime(heartbeat.toString())
                .withLastTransitionTime(transition.toString()).build();
    }
}
