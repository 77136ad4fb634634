package dev.hybridpane.adapters.kube;

import dev.hybridpane.core.ClusterAccess;
import dev.hybridpane.core.edge.InventoryPort;
import dev.hybridpane.core.network.ClusterNetworkPort;
import dev.hybridpane.core.pool.CniDaemonSet;
import dev.hybridpane.core.pool.PoolStore;
import dev.hybridpane.domain.Cluster;
import dev.hybridpane.domain.NodeLabels;
import dev.hybridpane.domain.edge.Site;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The doctor's cluster side through fabric8: HybridNodePools and Sites (through {@link Fabric8PoolStore} and
 * {@link Fabric8InventoryPort}), CiliumNode {@code spec.ipam.podCIDRs} or Calico IPAMBlocks per node, the CNI DaemonSet
 * ({@link CniDaemonSets}) with its IPAM pool (ConfigMap {@code cilium-config} {@code cluster-pool-ipv4-cidr}, or Calico
 * IPPools), hybrid Nodes, and the BGP objects that advertise pod CIDRs. A kind the API server does not serve reads as
 * none; any other failure is a sentence.
 */
public final class Fabric8ClusterNetworkPort implements ClusterNetworkPort {
    private static final String[][] CNI = {{"kube-system", "cilium", "cilium"}, {"kube-system", "calico-node", "calico"},
            {"calico-system", "calico-node", "calico"}};
    /** Cluster-scoped kinds: group/version, kind, plural. */
    private static final String[][] BGP = {{"cilium.io/v2alpha1", "CiliumBGPClusterConfig", "ciliumbgpclusterconfigs"},
            {"cilium.io/v2", "CiliumBGPClusterConfig", "ciliumbgpclusterconfigs"},
            {"cilium.io/v2alpha1", "CiliumBGPPeeringPolicy", "ciliumbgppeeringpolicies"},
            {"crd.projectcalico.org/v1", "BGPPeer", "bgppeers"}};

    private final Fabric8ClusterPort clusters;
    private final Function<Cluster, ClusterAccess> access;

    /** {@code access}: how to reach each cluster (the console's EKS token, or the kubeconfig context chosen for it). */
    public Fabric8ClusterNetworkPort(Fabric8ClusterPort clusters, Function<Cluster, ClusterAccess> access) {
        this.clusters = clusters;
        this.access = access;
    }

    @Override
    public Session open(Cluster cluster) {
        ClusterAccess a = access.apply(cluster);
        return new Fabric8Session(cluster, a, KubeClients.build(clusters.configFor(a)));
    }

    private final class Fabric8Session implements Session {
        private final Cluster cluster;
        private final ClusterAccess access;
        private final KubernetesClient client;

        Fabric8Session(Cluster cluster, ClusterAccess access, KubernetesClient client) {
            this.cluster = cluster;
            this.access = access;
            this.client = client;
        }

        private <T> T call(String what, Supplier<T> work) {
            try {
                return KubeRetry.throttled(work);
            } catch (KubernetesClientException e) {
                String why = switch (e.getCode()) {
                    case 401 -> "the cluster rejected the credentials";
                    case 403 -> "your identity lacks RBAC permission to read " + what;
                    default -> e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                            : RootCause.root(e);
                };
                throw new IllegalStateException("Could not read " + what + " in " + cluster.name() + ": " + why, e);
            }
        }

        /** The objects of a cluster-scoped kind, or none when the API server does not serve it. */
        private List<GenericKubernetesResource> kind(String apiVersion, String kind, String plural) {
            String[] gv = apiVersion.split("/", 2);
            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(gv[0]).withVersion(gv[1])
                    .withKind(kind).withPlural(plural).withNamespaced(false).build();
            return call(kind + " objects", () -> {
                try {
                    return client.genericKubernetesResources(context).list().getItems();
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 404) {
                        return List.of();
                    }
                    throw e;
                }
            });
        }

        @Override
        public List<PoolStore.Stored> pools() {
            try (PoolStore.Pools pools = new Fabric8PoolStore(clusters).open(cluster.ref(), access)) {
                return pools.list();
            }
        }

        @Override
        public List<Site> sites() {
            try (InventoryPort.Inventory inventory = new Fabric8InventoryPort(clusters).open(cluster.ref(), access)) {
                return inventory.sites();
            }
        }

        @Override
        public List<NodePodCidrs> nodePodCidrs() {
            List<NodePodCidrs> out = new ArrayList<>();
            for (GenericKubernetesResource n : kind("cilium.io/v2", "CiliumNode", "ciliumnodes")) {
                Object cidrs = path(n.getAdditionalProperties(), "spec", "ipam", "podCIDRs");
                if (cidrs instanceof List<?> l) {
                    out.add(new NodePodCidrs(n.getMetadata().getName(), "CiliumNode", l.stream().map(String::valueOf).toList()));
                }
            }
            for (GenericKubernetesResource b : kind("crd.projectcalico.org/v1", "IPAMBlock", "ipamblocks")) {
                Object cidr = path(b.getAdditionalProperties(), "spec", "cidr");
                Object affinity = path(b.getAdditionalProperties(), "spec", "affinity");
                if (cidr != null && affinity instanceof String s && s.startsWith("host:")) {
                    String node = s.substring("host:".length());
                    int i = indexOf(out, node);
                    List<String> cidrs = new ArrayList<>(i < 0 ? List.of() : out.get(i).cidrs());
                    cidrs.add(String.valueOf(cidr));
                    NodePodCidrs n = new NodePodCidrs(node, "Calico IPAMBlock", cidrs);
                    if (i < 0) {
                        out.add(n);
                    } else {
                        out.set(i, n);
                    }
                }
            }
            return out;
        }

        private static int indexOf(List<NodePodCidrs> list, String node) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).node().equals(node)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Cni cni() {
            for (String[] c : CNI) {
                DaemonSet d = call("DaemonSet " + c[0] + "/" + c[1],
                        () -> client.apps().daemonSets().inNamespace(c[0]).withName(c[1]).get());
                if (d == null) {
                    continue;
                }
                CniDaemonSet ds = CniDaemonSets.of(d);
                if ("cilium".equals(c[2])) {
                    ConfigMap cm = call("ConfigMap kube-system/cilium-config",
                            () -> client.configMaps().inNamespace("kube-system").withName("cilium-config").get());
                    String pools = cm == null || cm.getData() == null ? null : cm.getData().get("cluster-pool-ipv4-cidr");
                    List<String> list = pools == null ? List.of()
                            : Arrays.stream(pools.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
                    return new Cni("cilium", ds, list, "ConfigMap kube-system/cilium-config cluster-pool-ipv4-cidr");
                }
                List<String> pools = kind("crd.projectcalico.org/v1", "IPPool", "ippools").stream()
                        .map(p -> path(p.getAdditionalProperties(), "spec", "cidr")).filter(x -> x != null)
                        .map(String::valueOf).toList();
                return new Cni("calico", ds, pools, "Calico IPPools");
            }
            return Cni.NONE;
        }

        @Override
        public List<HybridNode> hybridNodes() {
            List<Node> nodes = call("Nodes", () -> client.nodes().withLabel(NodeLabels.COMPUTE_TYPE, "hybrid").list().getItems());
            return nodes.stream().map(n -> new HybridNode(n.getMetadata().getName(), n.getMetadata().getLabels(), ready(n),
                    internalIp(n))).toList();
        }

        private static boolean ready(Node n) {
            return n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        }

        private static String internalIp(Node n) {
            if (n.getStatus() == null || n.getStatus().getAddresses() == null) {
                return "";
            }
            return n.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                    .map(NodeAddress::getAddress).findFirst().orElse("");
        }

        @Override
        public List<String> bgpConfigs() {
            List<String> out = new ArrayList<>();
            for (String[] k : BGP) {
                kind(k[0], k[1], k[2]).forEach(r -> out.add(k[1] + "/" + r.getMetadata().getName()));
            }
            return out;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> root, String... keys) {
        Object at = root;
        for (String k : keys) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(k);
        }
        return at;
    }
}
